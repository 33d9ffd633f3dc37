package org.staypuft.events.host;

import org.staypuft.events.StaypuftEvent;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The raw facts of a host, exactly as uploaded. Lives on the compacted facts topic, not with the small events: an
 * upload may be up to 1 MiB.
 */
public record HostFactsRecorded(String hostId, String factsDigest, ObjectNode facts) implements StaypuftEvent {

    @Override
    public String aggregateId() {
        return hostId;
    }
}
