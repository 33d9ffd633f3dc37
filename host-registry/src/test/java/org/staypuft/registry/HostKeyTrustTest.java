package org.staypuft.registry;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.staypuft.events.EventType;
import org.staypuft.events.host.Hardware;
import org.staypuft.events.host.HostAssigned;
import org.staypuft.events.host.HostDiscovered;
import org.staypuft.events.host.HostFactsUpdated;
import org.staypuft.events.host.HostIdentityConflict;
import org.staypuft.events.host.HostRegistered;
import org.staypuft.events.host.HostSnapshot;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.registry.TestProvisioning.Provisioned;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.staypuft.registry.TestHosts.ECDSA;
import static org.staypuft.registry.TestHosts.ED25519;
import static org.staypuft.registry.TestHosts.HOSTS;
import static org.staypuft.registry.TestHosts.INSTALLED_ED25519;
import static org.staypuft.registry.TestHosts.asViewer;
import static org.staypuft.registry.TestHosts.awaitHost;
import static org.staypuft.registry.TestHosts.event;

/**
 * The runner checks host keys strictly with what the registry knows, so only an authenticated path may change them:
 * the built callback (build token) and registration (registration token). Discovery facts are anyone's upload.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class HostKeyTrustTest {

    /** Keys a forged discovery upload would like the runner to trust. */
    private static final SshHostKey FORGED = new SshHostKey("ssh-ed25519",
            "AAAAC3NzaC1lZDI1NTE5AAAAIHfyYIJOZfqxdIZ3kc19LwzLcF+OzajH/Z+JqLo9JC/t");

    private final KafkaTestClient kafka = KafkaTestClient.ofTestBroker();

    @Test
    void factsOfAHostStillInTheDiscoveryImageReplaceItsKeys() {
        String id = TestHosts.newHostId();
        kafka.send(event(new HostDiscovered(id, TestHosts.snapshot(id), null)));
        kafka.send(event(new HostFactsUpdated(id, withKeys(id, "10.99.0.1", List.of(ECDSA)), "digest-2",
                List.of("ssh", "ipaddress"))));

        awaitHost(id, "ipv4", is("10.99.0.1"), "sshHostKeys.algorithm", contains("ecdsa-sha2-nistp256"),
                "sshHostKeysSource", is("discovery-image"));
    }

    /**
     * Finding 1 of issue 12: facts took the address (and, for a repeated discovered event, the kind) of a built
     * host, so the runner would connect where the uploader chose. Now such a claim changes nothing and is a conflict.
     */
    @Test
    void factsCannotChangeTheAddressOrKeysOfABuiltHostNeitherByAnUpdateNorByDiscoveringItAgain() {
        Provisioned host = TestProvisioning.provision(kafka);
        given().queryParam("token", host.token()).contentType(ContentType.JSON)
                .body("{\"sshHostKeys\": [\"" + INSTALLED_ED25519.openSshLine() + "\"]}")
                .post("/unattended/built").then()
                .statusCode(200);
        awaitHost(host.hostId(), "sshHostKeysSource", is("build-callback"));
        String address = TestHosts.snapshot(host.hostId()).ipv4();

        kafka.send(event(new HostFactsUpdated(host.hostId(), withKeys(host.hostId(), "10.99.0.2", List.of(FORGED)),
                "digest-forged", List.of("ssh", "ipaddress"))));
        HostIdentityConflict conflict = TestHosts.awaitEvent(kafka, EventType.HOST_IDENTITY_CONFLICT,
                host.hostId(), (HostIdentityConflict c) -> "10.99.0.2".equals(c.claimedAddress()));
        assertThat(conflict.attributes()).containsExactly("address", "sshHostKeys");
        assertThat(conflict.source()).isEqualTo("discovery-upload");
        awaitConflicts(host.hostId(), 1);
        awaitHost(host.hostId(), "ipv4", is(address), "sshHostKeys.key", contains(INSTALLED_ED25519.key()),
                "sshHostKeysSource", is("build-callback"), "kind", is("discovered"));

        // Without discovery_version, and as a discovered event again: the same.
        HostSnapshot noVersion = withKeys(host.hostId(), "10.99.0.3", List.of(FORGED));
        kafka.send(event(new HostDiscovered(host.hostId(), new HostSnapshot(noVersion.name(), noVersion.mac(),
                noVersion.ipv4(), null, noVersion.interfaces(), noVersion.hardware(), noVersion.sshHostKeys(), null),
                null)));
        awaitConflicts(host.hostId(), 2);
        awaitHost(host.hostId(), "ipv4", is(address), "sshHostKeys.key", contains(INSTALLED_ED25519.key()));
        asViewer().get(HOSTS + "/{id}/identity-conflicts", host.hostId()).then().statusCode(200)
                .body("claimedAddress", contains("10.99.0.3", "10.99.0.2"))
                .body("detectedBy[0]", is("/staypuft/host-registry"));
    }

    @Test
    void factsCannotMoveAnAssignedHostButMayRefreshItsOtherFacts() {
        String id = TestHosts.newHostId();
        HostSnapshot original = TestHosts.snapshot(id);
        kafka.send(event(new HostDiscovered(id, original, null)));
        kafka.send(event(new HostAssigned(id, TestHosts.newDeploymentId(), "overcloud", "Compute", "discovery")));
        awaitHost(id, "state", is("assigned"));

        kafka.send(event(new HostFactsUpdated(id, withKeys(id, "10.99.0.9", original.sshHostKeys()), "digest-moved",
                List.of("ipaddress"))));
        awaitConflicts(id, 1);
        // Same identity, other hardware: taken.
        HostSnapshot moreMemory = new HostSnapshot(original.name(), original.mac(), original.ipv4(), original.ipv6(),
                original.interfaces(), new Hardware(64, 1L << 36, "QEMU", "Standard PC", 0, List.of()),
                original.sshHostKeys(), original.discoveryImageVersion());
        kafka.send(event(new HostFactsUpdated(id, moreMemory, "digest-memory", List.of("memorysize"))));
        awaitHost(id, "hardware.cpuCount", is(64), "ipv4", is(original.ipv4()));
        assertThat(TestHosts.eventsOf(kafka, EventType.HOST_IDENTITY_CONFLICT, id)).hasSize(1);
    }

    @Test
    void keysOfARegisteredHostChangeByRegistrationOnly() {
        String id = TestHosts.newHostId();
        HostSnapshot registered = TestHosts.registeredSnapshot(id);
        kafka.send(event(new HostRegistered(id, registered, null)));
        kafka.send(event(new HostFactsUpdated(id, registeredWithKeys(id, "10.99.0.4", List.of(FORGED)),
                "digest-forged", List.of("ssh"))));
        awaitConflicts(id, 1);
        awaitHost(id, "ipv4", is(registered.ipv4()), "sshHostKeys.key", contains(ED25519.key(), ECDSA.key()),
                "sshHostKeysSource", is("registration"), "kind", is("registered"));

        // The client installer ran again with its token, on a reinstalled system.
        kafka.send(event(new HostRegistered(id, registeredWithKeys(id, "10.99.0.4", List.of(INSTALLED_ED25519)),
                null)));
        awaitHost(id, "ipv4", is("10.99.0.4"), "sshHostKeys.key", contains(INSTALLED_ED25519.key()),
                "sshHostKeysSource", is("registration"));
    }

    @Test
    void theListenersConflictsAreShownWithTheHost() {
        String id = TestHosts.newHostId();
        kafka.send(event(new HostRegistered(id, TestHosts.registeredSnapshot(id), null)));
        kafka.send(event(new HostIdentityConflict(id, "discovery-upload", List.of("kind", "address"), "discovered",
                "10.99.0.7", List.of(FORGED), "an unauthenticated discovery-upload tried to change kind, address")));
        awaitConflicts(id, 1);
        asViewer().get(HOSTS + "/{id}/identity-conflicts", id).then().statusCode(200)
                .body("attributes[0]", contains("kind", "address"))
                .body("claimedSshHostKeys[0].key", contains(FORGED.key()))
                .body("detectedBy[0]", is(TestHosts.SOURCE));
    }

    private static void awaitConflicts(String hostId, int count) {
        await().atMost(TestHosts.TIMEOUT).untilAsserted(() -> asViewer()
                .get(HOSTS + "/{id}/identity-conflicts", hostId).then().statusCode(200)
                .body("size()", is(count)));
    }

    private static HostSnapshot withKeys(String id, String ipv4, List<SshHostKey> keys) {
        HostSnapshot snapshot = TestHosts.snapshot(id);
        return new HostSnapshot(snapshot.name(), snapshot.mac(), ipv4, null, snapshot.interfaces(),
                snapshot.hardware(), keys, snapshot.discoveryImageVersion());
    }

    private static HostSnapshot registeredWithKeys(String id, String ipv4, List<SshHostKey> keys) {
        HostSnapshot snapshot = TestHosts.registeredSnapshot(id);
        return new HostSnapshot(snapshot.name(), snapshot.mac(), ipv4, null, snapshot.interfaces(),
                snapshot.hardware(), keys, null);
    }
}
