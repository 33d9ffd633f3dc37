package org.staypuft.events.deployment;

import org.staypuft.events.StaypuftEvent;

/** Every role this one depends on is ready; its hosts start their puppet runs. */
public record RoleStarted(String deploymentId, String runId, String role, int hostCount) implements StaypuftEvent {

    @Override
    public String aggregateId() {
        return deploymentId;
    }
}
