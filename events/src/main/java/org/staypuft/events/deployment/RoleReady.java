package org.staypuft.events.deployment;

import org.staypuft.events.StaypuftEvent;

/**
 * A role's hosts succeeded (within its failure tolerance); roles that depend on it may start.
 *
 * @param failedHosts failures the role's policy tolerated
 */
public record RoleReady(String deploymentId, String runId, String role, int succeededHosts, int failedHosts)
        implements
            StaypuftEvent {

    @Override
    public String aggregateId() {
        return deploymentId;
    }
}
