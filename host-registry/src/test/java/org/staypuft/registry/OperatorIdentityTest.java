package org.staypuft.registry;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.EventType;
import org.staypuft.events.host.HostAssigned;
import org.staypuft.events.host.HostDiscovered;
import org.staypuft.events.host.HostFactsUpdated;
import org.staypuft.events.host.HostIdentityChanged;
import org.staypuft.events.host.HostIdentityConflict;
import org.staypuft.events.host.HostSnapshot;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;
import org.staypuft.testsupport.StaypuftTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.staypuft.registry.TestHosts.ECDSA;
import static org.staypuft.registry.TestHosts.ED25519;
import static org.staypuft.registry.TestHosts.HOSTS;
import static org.staypuft.registry.TestHosts.asViewer;
import static org.staypuft.registry.TestHosts.awaitHost;
import static org.staypuft.registry.TestHosts.event;

/**
 * Issue 12: an unauthenticated upload cannot change a protected host's identity (HostKeyTrustTest); an operator
 * decides instead. The registry owns host identity, so its operator endpoints accept a refused claim or convert a
 * host, and publish {@code host.identity-changed} (source {@code operator}) for the orchestrator and the listener.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class OperatorIdentityTest {

    /** The keys of the host's reinstalled system, first refused as an unauthenticated claim. */
    private static final SshHostKey REINSTALLED = new SshHostKey("ssh-ed25519",
            "AAAAC3NzaC1lZDI1NTE5AAAAIHfyYIJOZfqxdIZ3kc19LwzLcF+OzajH/Z+JqLo9JC/t");

    private final KafkaTestClient kafka = KafkaTestClient.ofTestBroker();

    @Test
    void anOperatorAcceptsARefusedClaimAndTheChangeIsPublishedAsTheOperators() {
        String id = TestHosts.newHostId();
        HostSnapshot discovered = TestHosts.snapshot(id);
        kafka.send(event(new HostDiscovered(id, discovered, null)));
        kafka.send(event(new HostAssigned(id, TestHosts.newDeploymentId(), "overcloud", "Compute", "discovery")));
        awaitHost(id, "state", is("assigned"));
        // The host moved and was reinstalled by hand; its upload is unauthenticated, so it is refused.
        kafka.send(event(new HostFactsUpdated(id, withIdentity(discovered, "10.99.1.2", List.of(REINSTALLED)),
                "digest-claim", List.of("ipaddress", "ssh"))));
        HostIdentityConflict refused = TestHosts.awaitEvent(kafka, EventType.HOST_IDENTITY_CONFLICT, id,
                (HostIdentityConflict c) -> "10.99.1.2".equals(c.claimedAddress()));
        String conflictId = awaitOpenConflict(id);
        awaitHost(id, "ipv4", is(discovered.ipv4()));

        // Not a viewer's decision, and nothing for an unknown host or conflict.
        asViewer().post(HOSTS + "/{id}/identity-conflicts/{c}/accept", id, conflictId).then().statusCode(403);
        asOperator().post(HOSTS + "/{id}/identity-conflicts/{c}/accept", "mac0000000dead0", conflictId).then()
                .statusCode(404).contentType("application/problem+json").body("errors[0].field", is("id"));
        asOperator().post(HOSTS + "/{id}/identity-conflicts/{c}/accept", id, "no-such-conflict").then()
                .statusCode(404).contentType("application/problem+json").body("errors[0].field", is("conflictId"));

        asOperator().post(HOSTS + "/{id}/identity-conflicts/{c}/accept", id, conflictId).then().statusCode(200)
                .body("ipv4", is("10.99.1.2"), "sshHostKeys.key", contains(REINSTALLED.key()),
                        "sshHostKeysSource", is("operator"), "kind", is("discovered"), "state", is("assigned"));

        HostIdentityChanged changed = TestHosts.awaitEvent(kafka, EventType.HOST_IDENTITY_CHANGED, id,
                (HostIdentityChanged c) -> conflictId.equals(c.acceptedConflictId()));
        assertThat(changed.source()).isEqualTo("operator");
        assertThat(changed.kind()).isEqualTo("discovered");
        assertThat(changed.address()).isEqualTo(refused.claimedAddress());
        assertThat(changed.sshHostKeys()).containsExactly(REINSTALLED);
        assertThat(changed.reason()).contains("registry-test-operator", conflictId);
        EventEnvelope envelope = TestHosts.eventsOf(kafka, EventType.HOST_IDENTITY_CHANGED, id).get(0);
        assertThat(envelope.source()).isEqualTo("/staypuft/host-registry");

        asViewer().get(HOSTS + "/{id}/identity-conflicts", id).then().statusCode(200)
                .body("resolution", contains("accepted"), "resolvedBy", contains(envelope.id()));
        // Accepted once: again is 409, and nothing more is published.
        asOperator().post(HOSTS + "/{id}/identity-conflicts/{c}/accept", id, conflictId).then().statusCode(409)
                .contentType("application/problem+json").body("errors[0].field", is("conflictId"));

        // The accepted identity is the host's: an upload with it is no conflict any more, another one is.
        kafka.send(event(new HostFactsUpdated(id, withIdentity(discovered, "10.99.1.2", List.of(REINSTALLED)),
                "digest-again", List.of("uptime"))));
        awaitHost(id, "factsDigest", is("digest-again"));
        kafka.send(event(new HostFactsUpdated(id, withIdentity(discovered, "10.99.1.3", List.of(ED25519)),
                "digest-other", List.of("ipaddress"))));
        await().atMost(TestHosts.TIMEOUT).untilAsserted(() -> asViewer()
                .get(HOSTS + "/{id}/identity-conflicts", id).then().statusCode(200)
                .body("claimedAddress", contains("10.99.1.3", "10.99.1.2"))
                .body("resolution", is(Arrays.asList(null, "accepted"))));
        awaitHost(id, "ipv4", is("10.99.1.2"), "sshHostKeys.key", contains(REINSTALLED.key()),
                "factsDigest", is("digest-again"));
        assertThat(TestHosts.eventsOf(kafka, EventType.HOST_IDENTITY_CHANGED, id)).hasSize(1);
    }

    @Test
    void anOperatorConvertsAHostBetweenDiscoveredAndRegistered() {
        String id = TestHosts.newHostId();
        HostSnapshot discovered = TestHosts.snapshot(id);
        kafka.send(event(new HostDiscovered(id, discovered, null)));
        awaitHost(id, "kind", is("discovered"));

        asViewer().contentType(ContentType.JSON).body("{\"kind\": \"registered\"}")
                .post(HOSTS + "/{id}/conversion", id).then().statusCode(403);
        asOperator().contentType(ContentType.JSON).body("{\"kind\": \"registered\"}")
                .post(HOSTS + "/{id}/conversion", "mac0000000dead1").then().statusCode(404)
                .contentType("application/problem+json");
        asOperator().contentType(ContentType.JSON).body("{\"kind\": \"managed\"}")
                .post(HOSTS + "/{id}/conversion", id).then().statusCode(400).body("errors[0].field", is("kind"));
        asOperator().contentType(ContentType.JSON).body("{\"kind\": \"discovered\"}")
                .post(HOSTS + "/{id}/conversion", id).then().statusCode(409)
                .contentType("application/problem+json").body("errors[0].field", is("kind"))
                .body("errors[0].message", containsString("already is discovered"));

        asOperator().contentType(ContentType.JSON).body("{\"kind\": \"registered\"}")
                .post(HOSTS + "/{id}/conversion", id).then().statusCode(200)
                .body("kind", is("registered"), "managed", is(true), "ipv4", is(discovered.ipv4()));
        HostIdentityChanged changed = TestHosts.awaitEvent(kafka, EventType.HOST_IDENTITY_CHANGED, id,
                (HostIdentityChanged c) -> "registered".equals(c.kind()));
        assertThat(changed.source()).isEqualTo("operator");
        assertThat(changed.acceptedConflictId()).isNull();
        assertThat(changed.address()).isEqualTo(discovered.ipv4());
        assertThat(changed.sshHostKeys()).containsExactlyElementsOf(discovered.sshHostKeys());

        // Registered now: a discovery upload with another address is a conflict, not a change.
        kafka.send(event(new HostFactsUpdated(id, withIdentity(discovered, "10.99.1.9", List.of(ECDSA)),
                "digest-moved", List.of("ipaddress"))));
        awaitOpenConflict(id);
        awaitHost(id, "ipv4", is(discovered.ipv4()), "kind", is("registered"));

        // And back; a host in a deployment is not converted.
        asOperator().contentType(ContentType.JSON).body("{\"kind\": \"discovered\"}")
                .post(HOSTS + "/{id}/conversion", id).then().statusCode(200).body("kind", is("discovered"));
        kafka.send(event(new HostAssigned(id, TestHosts.newDeploymentId(), "overcloud", "Compute", "discovery")));
        awaitHost(id, "state", is("assigned"));
        asOperator().contentType(ContentType.JSON).body("{\"kind\": \"registered\"}")
                .post(HOSTS + "/{id}/conversion", id).then().statusCode(409)
                .body("errors[0].message", containsString("unassign"));
        awaitHost(id, "kind", is("discovered"));
        assertThat(TestHosts.eventsOf(kafka, EventType.HOST_IDENTITY_CHANGED, id)).hasSize(2);
    }

    private static String awaitOpenConflict(String hostId) {
        return await().atMost(TestHosts.TIMEOUT).until(() -> asViewer()
                .get(HOSTS + "/{id}/identity-conflicts", hostId).then().statusCode(200).extract().jsonPath()
                .<String>getList("findAll { it.resolution == null }.eventId"), ids -> !ids.isEmpty()).get(0);
    }

    private static RequestSpecification asOperator() {
        return given().auth().oauth2(StaypuftTokens.operator("registry-test-operator"));
    }

    private static HostSnapshot withIdentity(HostSnapshot snapshot, String ipv4, List<SshHostKey> keys) {
        return new HostSnapshot(snapshot.name(), snapshot.mac(), ipv4, null, snapshot.interfaces(),
                snapshot.hardware(), keys, snapshot.discoveryImageVersion());
    }
}
