package org.staypuft.listener.registration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.staypuft.events.host.HostKind;
import org.staypuft.events.host.HostSnapshot;
import org.staypuft.events.host.SshAccess;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.listener.facts.Facts;
import org.staypuft.listener.facts.FactsDigest;
import org.staypuft.listener.facts.FactsNormalizer;
import org.staypuft.listener.facts.IpAddresses;
import org.staypuft.listener.facts.MacAddress;
import org.staypuft.listener.host.HostArrival;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A validated registration.
 *
 * @param facts the facts the host sent along, or null
 * @param ssh the SSH port and login user the host named, or null
 */
record Registration(String hostname, String address, MacAddress mac, List<SshHostKey> sshHostKeys,
        ObjectNode facts, SshAccess ssh) {

    /** Prefix of the registration fields among the per-part digests kept of a host. */
    static final String FIELD_PREFIX = "registration.";

    /**
     * The arrival of a registered host. Its content is the whole registration: a new address or key is a change
     * just like a new fact (and republishes the registered event).
     */
    HostArrival toArrival(FactsNormalizer normalizer) {
        HostSnapshot snapshot = new HostSnapshot(
                hostname,
                mac.value(),
                IpAddresses.isIpv4(address) ? address : null,
                IpAddresses.isIpv4(address) ? null : address,
                facts == null ? List.of() : normalizer.interfaces(new Facts(facts)),
                facts == null ? null : normalizer.hardware(new Facts(facts)),
                sshHostKeys,
                null);

        List<String> keyLines = new ArrayList<>(sshHostKeys.stream().map(SshHostKey::openSshLine).toList());
        keyLines.sort(null);
        JsonNodeFactory json = JsonNodeFactory.instance;
        ArrayNode keys = json.arrayNode();
        keyLines.forEach(keys::add);

        ObjectNode content = json.objectNode();
        content.put("hostname", hostname);
        content.put("address", address);
        content.put("mac", mac.value());
        content.set("sshHostKeys", keys);
        content.set("facts", facts);
        if (ssh != null) {
            ObjectNode sshContent = content.putObject("ssh");
            sshContent.put("port", ssh.port());
            sshContent.put("user", ssh.user());
        }

        Map<String, String> parts = new TreeMap<>(facts == null ? Map.of() : FactsDigest.perFact(facts));
        parts.put(FIELD_PREFIX + "hostname", FactsDigest.sha256Hex(hostname));
        parts.put(FIELD_PREFIX + "address", FactsDigest.sha256Hex(address));
        parts.put(FIELD_PREFIX + "sshHostKeys", FactsDigest.of(keys));
        if (ssh != null) {
            parts.put(FIELD_PREFIX + "ssh", FactsDigest.of(content.get("ssh")));
        }

        return new HostArrival(HostKind.REGISTERED, mac, snapshot, facts,
                facts == null ? null : FactsDigest.of(facts), FactsDigest.of(content), parts, ssh);
    }
}
