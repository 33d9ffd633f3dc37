package org.staypuft.listener;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.staypuft.events.EventCodec;
import org.staypuft.events.Topics;
import org.staypuft.events.host.HostFactsRecorded;
import org.staypuft.events.host.HostIdentityConflict;
import org.staypuft.events.host.HostRegistered;
import org.staypuft.events.host.SshAccess;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;
import org.staypuft.testsupport.StaypuftTokens;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.staypuft.listener.Operators.asOperator;

/** Scenario 2: hosts we cannot provision register with a token; operators create, list and revoke tokens. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class RegistrationTest {

    private static final String REGISTRATIONS = "/api/v1/registrations";
    private static final String TOKENS = "/api/v1/registration-tokens";

    @Inject
    EntityManager entityManager;

    @Test
    void hostWithAValidTokenRegistersWithItsKeysAndAChangedReRegistrationRegistersItAgain() {
        String token = createToken("compute rack 4").getString("token");
        String mac = Fixtures.randomMac();
        String hostId = Fixtures.hostId(mac);
        ObjectNode facts = Fixtures.facts("simple-bond");
        ObjectNode registration = registration("Compute-1.example.com", "192.0.2.21", mac.toUpperCase(), facts);

        register(token, registration).then().statusCode(201)
                .body("id", equalTo(hostId))
                .body("name", equalTo("compute-1.example.com"))
                .body("mac", equalTo(mac))
                .body("outcome", equalTo("created"));
        register(token, registration).then().statusCode(200).body("outcome", equalTo("unchanged"));

        // Reinstalled: new address, new SSH host key. Authenticated by the token, so it is a registration again
        // (the registry takes keys from host.registered, never from host.facts-updated).
        ObjectNode reinstalled = registration.deepCopy();
        reinstalled.put("address", "2001:db8::21");
        String newKey = "ssh-ed25519 " + Fixtures.facts("vmware_local").get("sshed25519key").asText();
        keys(reinstalled).removeAll().add(newKey);
        // ... and its sshd now on 2222 with another login user: the registration says so (issue 13).
        reinstalled.putObject("ssh").put("port", 2222).put("user", "deploy");
        register(token, reinstalled).then().statusCode(200).body("outcome", equalTo("updated"));
        register(token, reinstalled).then().statusCode(200).body("outcome", equalTo("unchanged"));

        PublishedEvents published = new PublishedEvents(entityManager);
        assertThat(published.ofHost(Topics.HOST_EVENTS, hostId, 2)).hasSize(2);
        published.drained();
        List<ConsumerRecord<String, byte[]>> events = published.allOfHost(Topics.HOST_EVENTS, hostId);
        assertThat(events).extracting(PublishedEvents::type)
                .containsExactly("org.staypuft.host.registered.v1", "org.staypuft.host.registered.v1");
        events.forEach(ContractSchemas::assertValid);
        assertThat(PublishedEvents.header(events.get(0), "ce_subject")).isEqualTo(hostId)
                .isEqualTo(events.get(0).key());

        HostRegistered registered = EventCodec.decodePayload(events.get(0).value(), HostRegistered.class);
        assertThat(registered.host().name()).isEqualTo("compute-1.example.com");
        assertThat(registered.host().mac()).isEqualTo(mac);
        assertThat(registered.host().ipv4()).isEqualTo("192.0.2.21");
        assertThat(registered.host().sshHostKeys()).extracting(SshHostKey::openSshLine).containsExactly(
                "ssh-ed25519 " + facts.get("sshed25519key").asText(),
                "ecdsa-sha2-nistp256 " + facts.get("sshecdsakey").asText());
        assertThat(registered.host().discoveryImageVersion()).isNull();
        assertThat(registered.host().hardware().cpuCount()).isEqualTo(6);
        assertThat(registered.factsDigest()).isEqualTo(DiscoveryFixturesTest.canonicalDigest(facts));
        assertThat(registered.ssh()).as("no ssh in the first registration").isNull();

        HostRegistered again = EventCodec.decodePayload(events.get(1).value(), HostRegistered.class);
        assertThat(again.host().ipv4()).isNull();
        assertThat(again.host().ipv6()).isEqualTo("2001:db8::21");
        assertThat(again.host().sshHostKeys()).extracting(SshHostKey::openSshLine).containsExactly(newKey);
        assertThat(again.host().hardware().cpuCount()).isEqualTo(6);
        assertThat(again.factsDigest()).isEqualTo(registered.factsDigest());
        assertThat(again.ssh()).isEqualTo(new SshAccess(2222, "deploy"));

        List<ConsumerRecord<String, byte[]>> recorded = published.allOfHost(Topics.HOST_FACTS, hostId);
        assertThat(recorded).hasSize(1);
        assertThat(EventCodec.decodePayload(recorded.get(0).value(), HostFactsRecorded.class).facts())
                .isEqualTo(facts);
    }

    /**
     * Finding 1 of issue 12: a facts upload with the MAC of a registered host turned it into a discovered host with
     * the uploader's address and keys. Now it changes nothing and is recorded as a conflict for operators.
     */
    @Test
    void aDiscoveryUploadWithTheMacOfARegisteredHostChangesNothingAndIsAConflict() {
        String token = createToken("kind change").getString("token");
        String mac = Fixtures.randomMac();
        String hostId = Fixtures.hostId(mac);
        register(token, registration("db-1.example.com", "192.0.2.60", mac, null)).then().statusCode(201);
        PublishedEvents published = new PublishedEvents(entityManager);
        assertThat(published.ofHost(Topics.HOST_EVENTS, hostId, 1)).extracting(PublishedEvents::type)
                .containsExactly("org.staypuft.host.registered.v1");

        given().contentType(ContentType.JSON).body(Fixtures.upload(Fixtures.factsWithMac("vmware_local", mac)))
                .when().post("/api/v2/discovered_hosts/facts")
                .then().statusCode(409).body("field", equalTo("facts"))
                .body("detail", containsString("kind, address"));

        List<ConsumerRecord<String, byte[]>> events = published.ofHost(Topics.HOST_EVENTS, hostId, 2);
        assertThat(events).extracting(PublishedEvents::type)
                .containsExactly("org.staypuft.host.registered.v1", "org.staypuft.host.identity-conflict.v1");
        events.forEach(ContractSchemas::assertValid);
        HostIdentityConflict conflict = EventCodec.decodePayload(events.get(1).value(), HostIdentityConflict.class);
        assertThat(conflict.source()).isEqualTo("discovery-upload");
        assertThat(conflict.attributes()).contains("kind", "address");
        assertThat(conflict.claimedKind()).isEqualTo("discovered");
        published.drained();
        assertThat(published.allOfHost(Topics.HOST_EVENTS, hostId)).hasSize(2);
        assertThat(published.allOfHost(Topics.HOST_FACTS, hostId)).isEmpty();
        assertThat(published.count("SELECT count(*) FROM known_host WHERE id = '" + hostId
                + "' AND kind = 'REGISTERED'")).isOne();
    }

    /**
     * Finding 3 of issue 12: a token was reusable for any MAC, so the holder of one could register (and replace the
     * SSH host keys of) another token's host. Now a token is bound to the hosts it registered, at most maxHosts.
     */
    @Test
    void aTokenRegistersItsOwnHostsOnlyAndAnotherTokensHostIsRefused() {
        String first = createToken("rack 1").getString("token");
        String second = createToken("rack 2").getString("token");
        String pair = asOperator().contentType(ContentType.JSON)
                .body("{\"description\": \"pair\", \"maxHosts\": 2}").when().post(TOKENS)
                .then().statusCode(201).body("maxHosts", equalTo(2)).extract().path("token");
        String mac = Fixtures.randomMac();
        String victim = Fixtures.hostId(mac);
        register(first, registration("db-1.example.com", "192.0.2.61", mac, null)).then().statusCode(201);
        PublishedEvents published = new PublishedEvents(entityManager);
        assertThat(published.ofHost(Topics.HOST_EVENTS, victim, 1)).hasSize(1);
        Map<TopicPartition, Long> before = published.drained();

        // Another token, for the same MAC with the attacker's address: refused, nothing changes.
        register(second, registration("db-1.example.com", "198.51.100.66", mac, null)).then().statusCode(403)
                .body("field", equalTo("Authorization"))
                .body("detail", containsString("was registered with another registration token"));
        // The first token is used up by its host.
        register(first, registration("db-2.example.com", "192.0.2.62", Fixtures.randomMac(), null)).then()
                .statusCode(403).body("detail", containsString("maxHosts 1"));
        published.assertNothingPublishedSince(before);

        // Its own host re-registers with it (a reinstall); a maxHosts 2 token registers two hosts, not a third.
        register(first, registration("db-1.example.com", "192.0.2.63", mac, null)).then().statusCode(200)
                .body("outcome", equalTo("updated"));
        register(pair, registration("web-1.example.com", "192.0.2.64", Fixtures.randomMac(), null)).then()
                .statusCode(201);
        register(pair, registration("web-2.example.com", "192.0.2.65", Fixtures.randomMac(), null)).then()
                .statusCode(201);
        register(pair, registration("web-3.example.com", "192.0.2.66", Fixtures.randomMac(), null)).then()
                .statusCode(403);
        asOperator().contentType(ContentType.JSON).body("{\"description\": \"x\", \"maxHosts\": 1.5}")
                .when().post(TOKENS).then().statusCode(400).body("field", equalTo("maxHosts"));
    }

    @Test
    void withoutAValidTokenNothingIsRecorded() {
        JsonPath expiring = createToken("expires");
        expire(UUID.fromString(expiring.getString("id")));
        String expired = expiring.getString("token");
        JsonPath revokedToken = createToken("revoked");
        asOperator().when().delete(TOKENS + "/" + revokedToken.getString("id")).then().statusCode(204);

        PublishedEvents published = new PublishedEvents(entityManager);
        Map<TopicPartition, Long> before = published.drained();
        long hostsBefore = published.count("SELECT count(*) FROM known_host");
        String body = Fixtures.json(registration("web-1.example.com", "192.0.2.30", Fixtures.randomMac(), null));

        unauthorized(given(), body, "missing registration token");
        unauthorized(given().header("Authorization", "Basic d2ViOjE="), body, "the Authorization header must");
        unauthorized(given().header("Authorization", "Bearer not-a-token"), body, "unknown registration token");
        unauthorized(given().header("Authorization", "Bearer " + expired), body, "registration token");
        unauthorized(given().header("Authorization", "Bearer " + revokedToken.getString("token")), body,
                "registration token " + revokedToken.getString("id") + " was revoked");
        // The token is checked before the body is even read.
        unauthorized(given(), "{not json", "missing registration token");
        // An operator's JWT is no registration token.
        unauthorized(given().auth().oauth2(StaypuftTokens.operator("test-operator")), body,
                "unknown registration token");

        given().header("Authorization", "Bearer " + expired).contentType(ContentType.JSON).body(body)
                .when().post(REGISTRATIONS)
                .then().statusCode(401).body("detail", containsString("expired at"));

        published.assertNothingPublishedSince(before);
        assertThat(published.count("SELECT count(*) FROM known_host")).isEqualTo(hostsBefore);
    }

    @Test
    void invalidFieldsAreRefusedByName() {
        String token = createToken("validation").getString("token");
        PublishedEvents published = new PublishedEvents(entityManager);
        Map<TopicPartition, Long> before = published.drained();
        String mac = Fixtures.randomMac();

        for (String hostname : List.of("a;rm -rf /", "$(id)", "`reboot`", "-web.example.com", "web_1.example.com",
                "web..example.com", "x".repeat(64) + ".example.com")) {
            refused(token, registration(hostname, "192.0.2.40", mac, null), "hostname", "hostname '");
        }
        refused(token, registration("web-1", "192.0.2.400", mac, null), "address", "address '192.0.2.400'");
        refused(token, registration("web-1", "fe80::1", mac, null), "address", "address 'fe80::1'");
        refused(token, registration("web-1", "192.0.2.40", "52:54:00:12:34", null), "mac", "mac '52:54:00:12:34'");

        ObjectNode dsa = registration("web-1", "192.0.2.40", mac, null);
        keys(dsa).insert(0, "ssh-dss AAAAB3NzaC1kc3MAAACBAIbK60jlhYKSd4Nx6LCQ root@web-1");
        refused(token, dsa, "sshHostKeys[0]", "sshHostKeys[0]: algorithm 'ssh-dss' is not allowed");

        ObjectNode mislabelled = registration("web-1", "192.0.2.40", mac, null);
        keys(mislabelled).set(1, "ssh-rsa " + Fixtures.facts("simple-bond").get("sshed25519key").asText());
        refused(token, mislabelled, "sshHostKeys[1]", "sshHostKeys[1]: the key is an ssh-ed25519 key, not ssh-rsa");

        ObjectNode notBase64 = registration("web-1", "192.0.2.40", mac, null);
        keys(notBase64).set(0, "ssh-ed25519 AAAA$$$$ root@web-1");
        refused(token, notBase64, "sshHostKeys[0]", "sshHostKeys[0]: the key is not a base64 SSH public key");

        ObjectNode noKeys = registration("web-1", "192.0.2.40", mac, null);
        noKeys.remove("sshHostKeys");
        refused(token, noKeys, "sshHostKeys", "sshHostKeys is required");

        for (String port : List.of("0", "65536", "-22", "22.5", "\"22\"", "true")) {
            ObjectNode badPort = registration("web-1", "192.0.2.40", mac, null);
            badPort.putObject("ssh").set("port", Fixtures.parse(port));
            refused(token, badPort, "ssh.port", "ssh.port must be a whole number from 1 to 65535, not " + port);
        }
        for (String user : List.of("\"Root\"", "\"a;reboot\"", "\"-x\"", "\"" + "u".repeat(33) + "\"", "5")) {
            ObjectNode badUser = registration("web-1", "192.0.2.40", mac, null);
            badUser.putObject("ssh").set("user", Fixtures.parse(user));
            refused(token, badUser, "ssh.user", "ssh.user must be a POSIX user name");
        }
        ObjectNode sshNotAnObject = registration("web-1", "192.0.2.40", mac, null);
        sshNotAnObject.put("ssh", "2222");
        refused(token, sshNotAnObject, "ssh", "ssh must be an object");

        published.assertNothingPublishedSince(before);
    }

    @Test
    void operatorsListTokensWithoutSecretsAndRevokeThem() {
        JsonPath created = createToken("listing");
        String id = created.getString("id");
        assertThat(created.getString("token")).matches("[A-Za-z0-9_-]{43}");
        assertThat(created.getString("expiresAt")).isNotBlank();

        asOperator().when().get(TOKENS).then().statusCode(200)
                .body("id", hasItem(id))
                .body("find { it.id == '" + id + "' }.description", equalTo("listing"))
                .body("find { it.id == '" + id + "' }.state", equalTo("active"))
                .body("find { it.id == '" + id + "' }", not(hasKey("token")))
                .body("find { it.id == '" + id + "' }", not(hasKey("tokenHash")));

        asOperator().when().delete(TOKENS + "/" + id).then().statusCode(204);
        asOperator().when().delete(TOKENS + "/" + id).then().statusCode(204);
        asOperator().when().get(TOKENS).then().body("find { it.id == '" + id + "' }.state", equalTo("revoked"));
        asOperator().when().delete(TOKENS + "/" + UUID.randomUUID()).then().statusCode(404)
                .body("field", equalTo("id"));

        asOperator().contentType(ContentType.JSON).body("{\"description\": \"x\", \"ttl\": \"7 days\"}")
                .when().post(TOKENS).then().statusCode(400).body("field", equalTo("ttl"));
        asOperator().contentType(ContentType.JSON).body("{\"description\": \"x\", \"ttl\": \"-P1D\"}")
                .when().post(TOKENS).then().statusCode(400).body("field", equalTo("ttl"));
        asOperator().contentType(ContentType.JSON).body("{\"ttl\": \"PT1H\"}")
                .when().post(TOKENS).then().statusCode(400).body("field", equalTo("description"));
        asOperator().contentType(ContentType.JSON).body("{\"description\": \"short\", \"ttl\": \"PT1H\"}")
                .when().post(TOKENS).then().statusCode(201).body("description", equalTo("short"));
    }

    private JsonPath createToken(String description) {
        return asOperator().contentType(ContentType.JSON).body("{\"description\": \"" + description + "\"}")
                .when().post(TOKENS)
                .then().statusCode(201).extract().jsonPath();
    }

    /** Lets time pass for a token: its expiry moves into the past. */
    private void expire(UUID tokenId) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "UPDATE registration_token SET expires_at = now() - interval '1 minute' WHERE id = ?1")
                .setParameter(1, tokenId).executeUpdate());
    }

    private static ObjectNode registration(String hostname, String address, String mac, ObjectNode facts) {
        ObjectNode simpleBond = Fixtures.facts("simple-bond");
        ObjectNode registration = EventCodec.mapper().createObjectNode();
        registration.put("hostname", hostname);
        registration.put("address", address);
        registration.put("mac", mac);
        ArrayNode keys = registration.putArray("sshHostKeys");
        keys.add("ssh-ed25519 " + simpleBond.get("sshed25519key").asText() + " root@" + hostname);
        keys.add("ecdsa-sha2-nistp256 " + simpleBond.get("sshecdsakey").asText());
        if (facts != null) {
            registration.set("facts", facts);
        }
        return registration;
    }

    private static ArrayNode keys(ObjectNode registration) {
        return (ArrayNode) registration.get("sshHostKeys");
    }

    private static Response register(String token, ObjectNode registration) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(Fixtures.json(registration)).when().post(REGISTRATIONS);
    }

    private static void refused(String token, ObjectNode registration, String field, String errorStart) {
        register(token, registration).then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo(field))
                .body("detail", startsWith(errorStart));
    }

    private static void unauthorized(RequestSpecification request, String body,
            String errorStart) {
        request.contentType(ContentType.JSON).body(body)
                .when().post(REGISTRATIONS)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("field", equalTo("Authorization"))
                .body("detail", startsWith(errorStart));
    }
}
