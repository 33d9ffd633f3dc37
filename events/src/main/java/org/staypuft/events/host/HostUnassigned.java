package org.staypuft.events.host;

import org.staypuft.events.StaypuftEvent;

/** A host left its deployment and is free again. */
public record HostUnassigned(String hostId, String deploymentId, String role) implements StaypuftEvent {

    @Override
    public String aggregateId() {
        return hostId;
    }
}
