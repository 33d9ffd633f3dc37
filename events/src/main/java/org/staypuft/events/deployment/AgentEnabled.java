package org.staypuft.events.deployment;

import org.staypuft.events.StaypuftEvent;

/** The puppet agent service of a host runs again, and that run changed nothing but {@code Service[puppet]}. */
public record AgentEnabled(String deploymentId, String runId, String hostId) implements StaypuftEvent {

    @Override
    public String aggregateId() {
        return deploymentId;
    }
}
