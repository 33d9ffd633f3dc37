package org.staypuft.orchestrator.testing;

import java.util.List;
import java.util.UUID;

import org.staypuft.events.EventEnvelope;
import org.staypuft.events.host.HostDiscovered;
import org.staypuft.events.host.HostRegistered;
import org.staypuft.events.host.HostSnapshot;
import org.staypuft.events.host.SshAccess;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.testsupport.KafkaTestClient;

/** Hosts as the discovery-listener announces them, sent to the real broker. */
public final class Hosts {

    public static final List<SshHostKey> DISCOVERY_KEYS = List.of(new SshHostKey("ssh-ed25519", "AAAAdiscovery"));
    public static final List<SshHostKey> REGISTERED_KEYS = List.of(new SshHostKey("ssh-ed25519", "AAAAregistered"));

    private Hosts() {
    }

    /** A fresh, unique host id (tests share one broker and database). */
    public static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static void discovered(KafkaTestClient kafka, String hostId) {
        kafka.send(EventEnvelope.wrap("/staypuft/test", new HostDiscovered(hostId, snapshot(hostId, DISCOVERY_KEYS,
                "3.8.0"), "digest")));
    }

    public static void registered(KafkaTestClient kafka, String hostId) {
        registered(kafka, hostId, null);
    }

    /** A registration naming how the runner reaches the host (its SSH port and user), or not (null). */
    public static void registered(KafkaTestClient kafka, String hostId, SshAccess ssh) {
        kafka.send(EventEnvelope.wrap("/staypuft/test", new HostRegistered(hostId, snapshot(hostId, REGISTERED_KEYS,
                null), "digest", ssh)));
    }

    private static HostSnapshot snapshot(String hostId, List<SshHostKey> keys, String imageVersion) {
        int octet = Math.abs(hostId.hashCode() % 250) + 1;
        return new HostSnapshot(hostId + ".example.com", "52:54:00:00:00:" + String.format("%02x", octet % 256),
                "192.0.2." + octet, null, List.of(), null, keys, imageVersion);
    }
}
