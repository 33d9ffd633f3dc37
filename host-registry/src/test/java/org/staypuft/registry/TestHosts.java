package org.staypuft.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hamcrest.Matcher;
import org.staypuft.events.EventCodec;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.EventType;
import org.staypuft.events.StaypuftEvent;
import org.staypuft.events.host.Disk;
import org.staypuft.events.host.Hardware;
import org.staypuft.events.host.HostSnapshot;
import org.staypuft.events.host.NetworkInterface;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.StaypuftTokens;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Hosts and events as the other services would send them; every test gets hosts of its own. */
final class TestHosts {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String HOSTS = "/api/v1/hosts";
    static final String SOURCE = "/staypuft/registry-test";

    static final SshHostKey ED25519 = new SshHostKey("ssh-ed25519",
            "AAAAC3NzaC1lZDI1NTE5AAAAIBsB3P97lP1qrrtj39MuLO+C0yMlUBghagW/ur7X9Q7i");
    static final SshHostKey ECDSA = new SshHostKey("ecdsa-sha2-nistp256",
            "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBC1xFkK3JrBEAWJ8qfusMvXIUw+xkDzE2wIlhxeSGkiBofzkNjhU"
                    + "/4iM/0uOeHXWAMJoI5BBKoz3mzfQsRFIsPo=");
    /** The key of the installed system, replacing the discovery image's. */
    static final SshHostKey INSTALLED_ED25519 = new SshHostKey("ssh-ed25519",
            "AAAAC3NzaC1lZDI1NTE5AAAAIHq0bP4kq0cR2m8Xo3JwE1n5vS9bT7yLrF2uKdW6aZpQ");

    /** Per JVM, so ids never collide with an earlier run against an external broker. */
    private static final int RUN = ThreadLocalRandom.current().nextInt(0x100000, 0xffffff);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TestHosts() {
    }

    /** A fresh id of the discovered form, {@code mac} + 12 hex digits; later ids sort after earlier ones. */
    static String newHostId() {
        return "mac%06x%06x".formatted(RUN, SEQUENCE.incrementAndGet());
    }

    static String newDeploymentId() {
        return "dep-%06x-%06x".formatted(RUN, SEQUENCE.incrementAndGet());
    }

    /** The colon form of the MAC inside a {@code mac...} id. */
    static String macOf(String hostId) {
        String hex = hostId.substring(3);
        StringBuilder mac = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            mac.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        return mac.toString();
    }

    /** What the discovery listener reads from the facts of a small virtual machine. */
    static HostSnapshot snapshot(String hostId) {
        String mac = macOf(hostId);
        int n = Integer.parseInt(hostId.substring(hostId.length() - 4), 16);
        String ipv4 = "10.20.%d.%d".formatted(n / 250 % 250, n % 250 + 1);
        return new HostSnapshot(hostId, mac, ipv4, null,
                List.of(new NetworkInterface("eth0", mac, ipv4, "255.255.0.0", null, null, true)),
                new Hardware(4, 8_589_934_592L, "QEMU", "Standard PC (Q35 + ICH9, 2009)", 1,
                        List.of(new Disk("vda", 42_949_672_960L))),
                List.of(ED25519, ECDSA), "4.1.0");
    }

    /** A registered host is known by its hostname. */
    static HostSnapshot registeredSnapshot(String hostId) {
        HostSnapshot discovered = snapshot(hostId);
        return new HostSnapshot("compute-" + hostId.substring(3) + ".example.com", discovered.mac(),
                discovered.ipv4(), discovered.ipv6(), discovered.interfaces(), discovered.hardware(),
                discovered.sshHostKeys(), null);
    }

    static EventEnvelope event(StaypuftEvent payload) {
        return EventEnvelope.wrap(SOURCE, payload);
    }

    static ObjectNode facts(String resource) {
        try (InputStream in = TestHosts.class.getResourceAsStream(resource)) {
            return (ObjectNode) EventCodec.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request as a viewer sends it: the host API takes bearer JWTs (test-support's {@link StaypuftTokens}). */
    static RequestSpecification asViewer() {
        return given().auth().oauth2(StaypuftTokens.viewer("registry-test-viewer"));
    }

    /** Waits until the host's answer has every path and value given, as RestAssured's {@code body(...)} takes them. */
    static void awaitHost(String id, String path, Matcher<?> matcher, Object... morePathsAndMatchers) {
        await().atMost(TIMEOUT).untilAsserted(() -> asViewer().get(HOSTS + "/{id}", id).then()
                .statusCode(200)
                .body(path, matcher, morePathsAndMatchers));
    }

    /** Waits for the first event of this type about the host that matches, on the type's topic. */
    @SuppressWarnings("unchecked")
    static <T extends StaypuftEvent> T awaitEvent(KafkaTestClient kafka, EventType type, String hostId,
            Predicate<T> matching) {
        List<ConsumerRecord<String, byte[]>> found = kafka.read(type.topic(),
                record -> isAbout(record, type, hostId) && matching.test((T) decode(record).payload()), 1, TIMEOUT);
        assertThat(found).as("%s about %s", type.type(), hostId).hasSize(1);
        return (T) decode(found.get(0)).payload();
    }

    /** Every event of this type about the host on its topic so far. */
    static List<EventEnvelope> eventsOf(KafkaTestClient kafka, EventType type, String hostId) {
        return kafka.readAll(type.topic()).stream().filter(record -> isAbout(record, type, hostId))
                .map(TestHosts::decode).toList();
    }

    private static boolean isAbout(ConsumerRecord<String, byte[]> record, EventType type, String hostId) {
        return hostId.equals(record.key()) && type.type().equals(EventCodec.header(record.headers(), "ce_type"));
    }

    private static EventEnvelope decode(ConsumerRecord<String, byte[]> record) {
        return EventCodec.decode(record).orElseThrow();
    }
}
