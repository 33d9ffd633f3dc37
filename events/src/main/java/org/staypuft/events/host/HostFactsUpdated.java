package org.staypuft.events.host;

import java.util.List;

import org.staypuft.events.StaypuftEvent;

/**
 * A known host uploaded facts that differ from the last ones.
 *
 * @param changedFacts names of the top-level facts that changed, added or disappeared (at most 100)
 */
public record HostFactsUpdated(String hostId, HostSnapshot host, String factsDigest, List<String> changedFacts)
        implements
            StaypuftEvent {

    @Override
    public String aggregateId() {
        return hostId;
    }
}
