package org.staypuft.events.host;

import org.staypuft.events.StaypuftEvent;

/**
 * A host ran the client installer and registered with its token (scenario 2: we cannot provision it).
 *
 * @param factsDigest SHA-256 of the raw facts it sent, or null when it sent none
 */
public record HostRegistered(String hostId, HostSnapshot host, String factsDigest) implements StaypuftEvent {

    @Override
    public String aggregateId() {
        return hostId;
    }
}
