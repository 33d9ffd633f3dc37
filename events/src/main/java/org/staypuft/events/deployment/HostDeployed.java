package org.staypuft.events.deployment;

import org.staypuft.events.StaypuftEvent;

/** A host passed all its phases, its agent is re-enabled and verified. */
public record HostDeployed(String deploymentId, String runId, String hostId, String role) implements StaypuftEvent {

    @Override
    public String aggregateId() {
        return deploymentId;
    }
}
