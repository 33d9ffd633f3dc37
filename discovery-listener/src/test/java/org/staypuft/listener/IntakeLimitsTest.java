package org.staypuft.listener;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Issue 12 finding 7 through the real listener: facts uploads are limited per source address (token bucket) and new
 * discovered hosts beyond a cap are refused, each with 429 and a reason; a refused upload records and publishes
 * nothing.
 */
@QuarkusTest
@TestProfile(IntakeLimitsTest.LowLimits.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class IntakeLimitsTest {

    private static final String FACTS_URL = "/api/v2/discovered_hosts/facts";

    public static class LowLimits implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("staypuft.listener.intake.burst", "4",
                    "staypuft.listener.intake.uploads-per-minute", "1",
                    "staypuft.listener.intake.max-discovered-hosts", "1");
        }
    }

    @Inject
    EntityManager entityManager;

    @Test
    void newHostsBeyondTheCapAndUploadsBeyondTheRateAre429AndChangeNothing() {
        PublishedEvents published = new PublishedEvents(entityManager);
        String first = Fixtures.randomMac();
        int firstStatus = upload(first).extract().statusCode();
        // 201 on an empty database; 429 when earlier test classes left discovered hosts (the cap is 1).
        assertThat(firstStatus).isIn(201, 429);
        Map<TopicPartition, Long> before = published.drained();
        long hosts = published.count("SELECT count(*) FROM known_host");

        upload(Fixtures.randomMac()).statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("urn:staypuft:problem:too-many-requests"))
                .body("field", equalTo("facts"))
                .body("detail", containsString("staypuft.listener.intake.max-discovered-hosts = 1"));
        if (firstStatus == 201) {
            // A known host still updates under the cap.
            upload(first).statusCode(200);
        } else {
            upload(Fixtures.randomMac()).statusCode(429);
        }
        upload(Fixtures.randomMac()).statusCode(429);
        // The bucket (4 at once, 1 a minute) is empty now: the next upload is refused before it is read.
        upload(Fixtures.randomMac()).statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("field", equalTo("source"))
                .body("detail", containsString("too many facts uploads from 127.0.0.1"));

        assertThat(published.count("SELECT count(*) FROM known_host")).isEqualTo(hosts);
        published.assertNothingPublishedSince(before);
    }

    private static ValidatableResponse upload(String mac) {
        return given().contentType(ContentType.JSON).body(Fixtures.upload(Fixtures.factsWithMac("dell_vlan", mac)))
                .when().post(FACTS_URL).then();
    }
}
