package org.staypuft.events.host;

import org.staypuft.events.StaypuftEvent;

/**
 * A host booted the discovery image and uploaded its facts for the first time.
 *
 * @param factsDigest SHA-256 of the canonical raw facts, stored on {@link org.staypuft.events.Topics#HOST_FACTS}
 */
public record HostDiscovered(String hostId, HostSnapshot host, String factsDigest) implements StaypuftEvent {

    @Override
    public String aggregateId() {
        return hostId;
    }
}
