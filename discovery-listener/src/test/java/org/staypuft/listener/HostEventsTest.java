package org.staypuft.listener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.staypuft.events.EventCodec;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.EventType;
import org.staypuft.events.Topics;
import org.staypuft.events.host.HostBuilt;
import org.staypuft.events.host.HostIdentityChanged;
import org.staypuft.events.host.HostIdentityConflict;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.listener.messaging.Channels;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.staypuft.listener.Operators.asOperator;

/**
 * The listener consumes the host topic for two things (issue 12): {@code host.built} (a built host has no registration
 * token bound to it, so a registration of its MAC with a fresh token needs an operator) and {@code host.identity-changed}
 * (an operator's decision about a host's kind, address and keys). De-duplicated by event id, poison records to its
 * dead-letter topic.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class HostEventsTest {

    private static final String REGISTRATIONS = "/api/v1/registrations";
    private static final String REGISTRY = "/staypuft/host-registry";

    private final KafkaTestClient kafka = KafkaTestClient.ofTestBroker();

    @Inject
    EntityManager entityManager;

    /**
     * Before the fix the listener did not know the host was built: the registration was answered 201, published as
     * host.registered (authenticated), and the registry took the registrant's address and keys.
     */
    @Test
    void aFreshTokenCannotRegisterTheMacOfABuiltHost() {
        String mac = Fixtures.randomMac();
        String hostId = Fixtures.hostId(mac);
        discover(mac);
        built(hostId);
        PublishedEvents published = new PublishedEvents(entityManager);
        published.drained();

        register(createToken("fresh token"), registration("intruder.example.com", "192.0.2.80", mac)).then()
                .statusCode(409).contentType("application/problem+json")
                .body("field", equalTo("mac"))
                .body("detail", containsString("was built"))
                .body("detail", containsString("kind"));

        // The listener's discovered, the registry's built (sent by this test), the listener's conflict.
        List<ConsumerRecord<String, byte[]>> events = published.ofHost(Topics.HOST_EVENTS, hostId, 3);
        assertThat(events).extracting(PublishedEvents::type).containsExactly("org.staypuft.host.discovered.v1",
                "org.staypuft.host.built.v1", "org.staypuft.host.identity-conflict.v1");
        events.forEach(ContractSchemas::assertValid);
        HostIdentityConflict conflict = EventCodec.decodePayload(events.get(2).value(), HostIdentityConflict.class);
        assertThat(conflict.source()).isEqualTo("registration");
        assertThat(conflict.claimedKind()).isEqualTo("registered");
        assertThat(conflict.claimedAddress()).isEqualTo("192.0.2.80");
        assertThat(conflict.attributes()).contains("kind", "address");
        published.drained();
        assertThat(published.allOfHost(Topics.HOST_EVENTS, hostId)).hasSize(3);
        // Nothing changed: still discovered, and the token was not bound to the host.
        assertThat(published.count("SELECT count(*) FROM known_host WHERE id = '" + hostId
                + "' AND kind = 'DISCOVERED'")).isOne();
        assertThat(published.count("SELECT count(*) FROM registration_token_host WHERE host_id = '" + hostId + "'"))
                .isZero();
    }

    /**
     * An operator converted the built host to registered (the registry's host.identity-changed): the listener follows,
     * so a discovery upload of its MAC is now a conflict, and a registration with the identity the operator decided is
     * taken.
     */
    @Test
    void theListenerFollowsTheOperatorsDecision() {
        String mac = Fixtures.randomMac();
        String hostId = Fixtures.hostId(mac);
        discover(mac);
        built(hostId);
        ObjectNode registration = registration("db-7.example.com", "192.0.2.81", mac);
        List<SshHostKey> keys = keysOf(registration);
        EventEnvelope decided = EventEnvelope.wrap(REGISTRY, new HostIdentityChanged(hostId, "operator",
                "registered", "192.0.2.81", keys, null, "operator alice converted the host to registered"));
        kafka.send(decided);
        kafka.send(decided); // redelivered: applied once
        awaitProcessed(decided.id());
        await().atMost(PublishedEvents.TIMEOUT).until(() -> new PublishedEvents(entityManager).count(
                "SELECT count(*) FROM known_host WHERE id = '" + hostId + "' AND kind = 'REGISTERED'") == 1);

        given().contentType(ContentType.JSON).body(Fixtures.upload(Fixtures.factsWithMac("vmware_local", mac)))
                .when().post("/api/v2/discovered_hosts/facts").then().statusCode(409);
        register(createToken("after the operator"), registration).then().statusCode(200)
                .body("outcome", equalTo("updated"));
        // Another identity is still refused: the host is built, its token vouches only for what the operator decided.
        register(createToken("yet another"), registration("db-7.example.com", "192.0.2.99", mac)).then()
                .statusCode(409);
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheFollowingEventsAreApplied() {
        String mac = Fixtures.randomMac();
        String hostId = Fixtures.hostId(mac);
        discover(mac);

        ProducerRecord<String, byte[]> garbage = new ProducerRecord<>(Topics.HOST_EVENTS, hostId,
                "{not json".getBytes(StandardCharsets.UTF_8));
        garbage.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        garbage.headers().add("ce_id", ("garbage-" + hostId).getBytes(StandardCharsets.UTF_8));
        garbage.headers().add("ce_type", EventType.HOST_BUILT.type().getBytes(StandardCharsets.UTF_8));
        kafka.send(garbage);
        kafka.send(EventEnvelope.wrap(REGISTRY, new HostIdentityChanged(hostId, "operator", "bogus", null,
                List.of(), null, "a kind nobody knows")));
        built(hostId);

        assertThat(kafka.read(Channels.DEAD_LETTER_TOPIC, record -> hostId.equals(record.key()), 2,
                Duration.ofSeconds(60))).hasSize(2).extracting(record -> EventCodec.header(record.headers(),
                        "dead-letter-reason"))
                .anySatisfy(reason -> assertThat(reason).contains("HostBuilt"))
                .anySatisfy(reason -> assertThat(reason).contains("bogus"));
        assertThat(new PublishedEvents(entityManager).count("SELECT count(*) FROM known_host WHERE id = '" + hostId
                + "' AND built_at IS NOT NULL")).isOne();
    }

    private static void discover(String mac) {
        given().contentType(ContentType.JSON).body(Fixtures.upload(Fixtures.factsWithMac("vmware_local", mac)))
                .when().post("/api/v2/discovered_hosts/facts").then().statusCode(201);
    }

    /** The registry's host.built on the topic, and the listener has applied it. */
    private void built(String hostId) {
        EventEnvelope built = EventEnvelope.wrap(REGISTRY, new HostBuilt(hostId, "dep-built", List.of(
                new SshHostKey("ssh-ed25519",
                        "AAAAC3NzaC1lZDI1NTE5AAAAIHq0bP4kq0cR2m8Xo3JwE1n5vS9bT7yLrF2uKdW6aZpQ"))));
        kafka.send(built);
        awaitProcessed(built.id());
    }

    private void awaitProcessed(String eventId) {
        PublishedEvents published = new PublishedEvents(entityManager);
        await().atMost(PublishedEvents.TIMEOUT).until(() -> published.count("SELECT count(*) FROM processed_event"
                + " WHERE consumer = '" + Channels.HOST_EVENTS_CONSUMER + "' AND event_id = '" + eventId + "'") == 1);
    }

    private static String createToken(String description) {
        return asOperator().contentType(ContentType.JSON).body("{\"description\": \"" + description + "\"}")
                .when().post("/api/v1/registration-tokens").then().statusCode(201).extract().jsonPath()
                .getString("token");
    }

    private static ObjectNode registration(String hostname, String address, String mac) {
        ObjectNode simpleBond = Fixtures.facts("simple-bond");
        ObjectNode registration = EventCodec.mapper().createObjectNode();
        registration.put("hostname", hostname);
        registration.put("address", address);
        registration.put("mac", mac);
        ArrayNode keys = registration.putArray("sshHostKeys");
        keys.add("ssh-ed25519 " + simpleBond.get("sshed25519key").asText());
        keys.add("ecdsa-sha2-nistp256 " + simpleBond.get("sshecdsakey").asText());
        return registration;
    }

    private static List<SshHostKey> keysOf(ObjectNode registration) {
        ObjectNode simpleBond = Fixtures.facts("simple-bond");
        return List.of(new SshHostKey("ssh-ed25519", simpleBond.get("sshed25519key").asText()),
                new SshHostKey("ecdsa-sha2-nistp256", simpleBond.get("sshecdsakey").asText()));
    }

    private static Response register(String token, ObjectNode registration) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(Fixtures.json(registration)).when().post(REGISTRATIONS);
    }
}
