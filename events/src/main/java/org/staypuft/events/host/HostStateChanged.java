package org.staypuft.events.host;

import org.staypuft.events.StaypuftEvent;

/**
 * The inventory state of a host changed as a run progressed.
 *
 * @param state {@code free}, {@code assigned}, {@code deploying}, {@code deployed} or {@code failed}
 * @param reason why, when the host failed
 */
public record HostStateChanged(String hostId, String deploymentId, String state, String reason)
        implements
            StaypuftEvent {

    @Override
    public String aggregateId() {
        return hostId;
    }
}
