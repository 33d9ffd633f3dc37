package org.staypuft.registry;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.staypuft.events.host.HostDiscovered;
import org.staypuft.events.host.HostFactsUpdated;
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
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.staypuft.registry.TestHosts.ECDSA;
import static org.staypuft.registry.TestHosts.ED25519;
import static org.staypuft.registry.TestHosts.INSTALLED_ED25519;
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

    @Test
    void factsCannotReplaceTheKeysOfABuiltHostNeitherByAnUpdateNorByDiscoveringItAgain() {
        Provisioned host = TestProvisioning.provision(kafka);
        given().queryParam("token", host.token()).contentType(ContentType.JSON)
                .body("{\"sshHostKeys\": [\"" + INSTALLED_ED25519.openSshLine() + "\"]}")
                .post("/unattended/built").then()
                .statusCode(200);
        awaitHost(host.hostId(), "sshHostKeysSource", is("build-callback"));

        kafka.send(event(new HostFactsUpdated(host.hostId(), withKeys(host.hostId(), "10.99.0.2", List.of(FORGED)),
                "digest-forged", List.of("ssh", "ipaddress"))));
        // The rest of the facts are taken: once the address shows, the update has been applied.
        awaitHost(host.hostId(), "ipv4", is("10.99.0.2"), "sshHostKeys.key", contains(INSTALLED_ED25519.key()),
                "sshHostKeysSource", is("build-callback"));

        kafka.send(event(new HostDiscovered(host.hostId(), withKeys(host.hostId(), "10.99.0.3", List.of(FORGED)),
                null)));
        awaitHost(host.hostId(), "ipv4", is("10.99.0.3"), "sshHostKeys.key", contains(INSTALLED_ED25519.key()));
    }

    @Test
    void keysOfARegisteredHostChangeByRegistrationOnly() {
        String id = TestHosts.newHostId();
        kafka.send(event(new HostRegistered(id, TestHosts.registeredSnapshot(id), null)));
        kafka.send(event(new HostFactsUpdated(id, registeredWithKeys(id, "10.99.0.4", List.of(FORGED)),
                "digest-forged", List.of("ssh"))));
        awaitHost(id, "ipv4", is("10.99.0.4"), "sshHostKeys.key", contains(ED25519.key(), ECDSA.key()),
                "sshHostKeysSource", is("registration"));

        // The client installer ran again with its token, on a reinstalled system.
        kafka.send(event(new HostRegistered(id, registeredWithKeys(id, "10.99.0.4", List.of(INSTALLED_ED25519)),
                null)));
        awaitHost(id, "sshHostKeys.key", contains(INSTALLED_ED25519.key()), "sshHostKeysSource", is("registration"));
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
