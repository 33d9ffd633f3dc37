package org.staypuft.events.deployment;

import org.staypuft.events.StaypuftEvent;

/** Every role of the run is ready. */
public record DeploymentCompleted(String deploymentId, String runId, int hostsDeployed, int hostsSkipped,
        long durationMillis) implements StaypuftEvent {

    @Override
    public String aggregateId() {
        return deploymentId;
    }
}
