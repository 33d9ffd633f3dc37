package org.staypuft.events.deployment;

import java.util.List;

import org.staypuft.events.StaypuftEvent;

/**
 * More hosts of a role failed than its policy tolerates; the roles depending on it will not start.
 *
 * @param failedHostIds the failed hosts (at most 100)
 */
public record RoleFailed(String deploymentId, String runId, String role, List<String> failedHostIds, String reason)
        implements
            StaypuftEvent {

    @Override
    public String aggregateId() {
        return deploymentId;
    }
}
