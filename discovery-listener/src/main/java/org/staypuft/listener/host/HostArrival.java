package org.staypuft.listener.host;

import java.util.Map;

import org.staypuft.events.host.HostKind;
import org.staypuft.events.host.HostSnapshot;
import org.staypuft.events.host.SshAccess;
import org.staypuft.listener.facts.FactsDigest;
import org.staypuft.listener.facts.MacAddress;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A host announcing itself, already validated and normalised.
 *
 * @param facts the raw facts to record, or null when the host sent none
 * @param factsDigest digest of {@code facts}, null with them
 * @param contentDigest digest of everything the host sent; equal digests mean nothing changed
 * @param partDigests a digest per top-level fact (and registration field), to name what changed
 * @param ssh the SSH port and user a registration named, or null
 */
public record HostArrival(
        HostKind kind,
        MacAddress mac,
        HostSnapshot snapshot,
        ObjectNode facts,
        String factsDigest,
        String contentDigest,
        Map<String, String> partDigests,
        SshAccess ssh) {

    /** A discovery upload: the facts are the whole content. */
    public static HostArrival discovered(MacAddress mac, HostSnapshot snapshot, ObjectNode facts) {
        String digest = FactsDigest.of(facts);
        return new HostArrival(HostKind.DISCOVERED, mac, snapshot, facts, digest, digest,
                FactsDigest.perFact(facts), null);
    }
}
