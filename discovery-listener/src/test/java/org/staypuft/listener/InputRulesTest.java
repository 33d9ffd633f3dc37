package org.staypuft.listener;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.staypuft.events.EventCodec;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.staypuft.listener.Operators.asOperator;

/**
 * Issue 12 finding 6 through the real listener: NUL and control characters, unknown fields and MACs that are no
 * host's own are a 400 with the one problem body naming the field; nothing is recorded or published.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class InputRulesTest {

    private static final String FACTS_URL = "/api/v2/discovered_hosts/facts";
    private static final String TOKENS = "/api/v1/registration-tokens";
    private static final String REGISTRATIONS = "/api/v1/registrations";

    @Inject
    EntityManager entityManager;

    @Test
    void controlCharactersInBodiesAndPathsAreRefusedNamingTheField() {
        PublishedEvents published = new PublishedEvents(entityManager);
        Map<TopicPartition, Long> before = published.drained();
        long tokens = published.count("SELECT count(*) FROM registration_token");
        long hosts = published.count("SELECT count(*) FROM known_host");

        refused(asOperator().contentType(ContentType.JSON).body("{\"description\":\"a\\u0000b\"}").post(TOKENS)
                .then(), "description").body("detail", containsString("U+0000"));
        refused(asOperator().contentType(ContentType.JSON).body("{\"description\":\"a\\u001bb\"}").post(TOKENS)
                .then(), "description");
        refused(asOperator().urlEncodingEnabled(false).delete(TOKENS + "/a%00b").then(), "id");

        ObjectNode facts = Fixtures.factsWithMac("dell_vlan", Fixtures.randomMac());
        facts.put("productname", "PowerEdge\u0000R630");
        refused(upload(Fixtures.upload(facts)), "facts.productname");
        ObjectNode keyed = Fixtures.factsWithMac("dell_vlan", Fixtures.randomMac());
        keyed.put("bad\u0001name", "x");
        refused(upload(Fixtures.upload(keyed)), "facts");

        assertThat(published.count("SELECT count(*) FROM registration_token")).isEqualTo(tokens);
        assertThat(published.count("SELECT count(*) FROM known_host")).isEqualTo(hosts);
        published.assertNothingPublishedSince(before);
    }

    @Test
    void unknownFieldsAreRefusedInEveryBodyButTheFreeFormFacts() {
        refused(asOperator().contentType(ContentType.JSON).body("{\"description\":\"x\",\"maxHost\":2}")
                .post(TOKENS).then(), "maxHost").body("detail", containsString("unknown property 'maxHost'"));
        refused(asOperator().contentType(ContentType.JSON).body("{\"description\":\"x\",\"maxHosts\":1.5}")
                .post(TOKENS).then(), "maxHosts");
        refused(asOperator().contentType(ContentType.JSON).body("{\"description\":\"x\",\"maxHosts\":\"3\"}")
                .post(TOKENS).then(), "maxHosts");
        ObjectNode upload = EventCodec.mapper().createObjectNode();
        upload.set("facts", Fixtures.factsWithMac("dell_vlan", Fixtures.randomMac()));
        upload.put("extra", 1);
        refused(upload(Fixtures.json(upload)), "extra");
        // Facts themselves are whatever facter reports: a new fact is taken.
        ObjectNode newFact = Fixtures.factsWithMac("dell_vlan", Fixtures.randomMac());
        newFact.put("some_new_fact_" + System.nanoTime(), "value");
        upload(Fixtures.upload(newFact)).statusCode(201);
    }

    @Test
    void broadcastAllZeroAndMulticastMacsAreRefused() {
        PublishedEvents published = new PublishedEvents(entityManager);
        Map<TopicPartition, Long> before = published.drained();
        for (String mac : List.of("ff:ff:ff:ff:ff:ff", "00:00:00:00:00:00", "01:00:5e:00:00:fb", "33-33-00-00-00-01")) {
            refused(upload(Fixtures.upload(Fixtures.factsWithMac("dell_vlan", mac))), "facts.discovery_bootif")
                    .body("detail", containsString("not a host's NIC"));
        }
        String token = asOperator().contentType(ContentType.JSON).body("{\"description\":\"mac rules\"}")
                .post(TOKENS).then().statusCode(201).extract().path("token");
        for (String mac : List.of("ff:ff:ff:ff:ff:ff", "00:00:00:00:00:00", "03:00:00:00:00:01")) {
            String registration = "{\"hostname\":\"db-9.example.com\",\"address\":\"198.51.100.9\",\"mac\":\"" + mac
                    + "\",\"sshHostKeys\":[\"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\"]}";
            refused(given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                    .body(registration).post(REGISTRATIONS).then(), "mac");
        }
        published.assertNothingPublishedSince(before);
    }

    private static ValidatableResponse upload(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post(FACTS_URL).then();
    }

    private static ValidatableResponse refused(ValidatableResponse answer, String field) {
        return answer.statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:staypuft:problem:invalid-request"))
                .body("status", equalTo(400))
                .body("field", equalTo(field));
    }
}
