package org.staypuft.events.deployment;

import java.util.List;

import org.staypuft.events.StaypuftEvent;

/**
 * A run of a deployment started.
 *
 * @param redeployAll false: only hosts not yet deployed take part (adding a compute host deploys just it)
 * @param roles the roles that take part, in a dependency-respecting order
 * @param hostCount how many hosts the run deploys
 * @param triggeredBy the operator who started it
 */
public record DeploymentTriggered(
        String deploymentId,
        String deploymentName,
        String runId,
        boolean redeployAll,
        List<String> roles,
        int hostCount,
        String triggeredBy) implements StaypuftEvent {

    @Override
    public String aggregateId() {
        return deploymentId;
    }
}
