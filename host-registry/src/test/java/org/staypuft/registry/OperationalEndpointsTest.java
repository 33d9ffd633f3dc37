package org.staypuft.registry;

import org.junit.jupiter.api.Test;
import org.staypuft.events.host.HostDiscovered;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.staypuft.registry.TestHosts.TIMEOUT;
import static org.staypuft.registry.TestHosts.awaitHost;
import static org.staypuft.registry.TestHosts.event;

/** What operations rely on: readiness that covers the broker and the database, the API description, metrics. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class OperationalEndpointsTest {

    private final KafkaTestClient kafka = KafkaTestClient.ofTestBroker();

    @Test
    void readinessCoversKafkaAndTheDatabase() {
        await().atMost(TIMEOUT).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", is("UP"), "checks.name", hasItems("Database", "Kafka")));
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void openApiDescribesTheHostEndpoints() {
        given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200)
                .body("paths.'/api/v1/hosts'.get", notNullValue(),
                        "paths.'/api/v1/hosts/{id}'.get", notNullValue(),
                        "paths.'/api/v1/hosts/{id}/facts'.get", notNullValue(),
                        "paths.'/api/v1/hosts'.get.security", notNullValue());
    }

    @Test
    void prometheusMetricsCountConsumedEvents() {
        String id = TestHosts.newHostId();
        kafka.send(event(new HostDiscovered(id, TestHosts.snapshot(id), null)));
        awaitHost(id, "state", is("free"));

        given().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("staypuft_inbox_events_total{consumer=\"host-registry.host-events\""));
    }
}
