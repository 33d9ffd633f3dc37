package org.staypuft.events.deployment;

import org.staypuft.events.StaypuftEvent;

/** An operator cancelled the run; no new step started after it. */
public record DeploymentCancelled(String deploymentId, String runId, String cancelledBy) implements StaypuftEvent {

    @Override
    public String aggregateId() {
        return deploymentId;
    }
}
