package org.staypuft.webhooks;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.staypuft.webhooks.Operators.asOperator;
import static org.staypuft.webhooks.Operators.asViewer;

/** Subscriptions through the API: operators only, every refusal names its field, the secret is shown once. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class WebhookApiTest {

    @Test
    void theSecretIsInTheCreationAnswerOnlyNeverAgain() {
        var created = asOperator().contentType(ContentType.JSON)
                .body(Map.of("url", "https://hooks.example.com/staypuft", "eventTypes",
                        List.of("deployment.completed", "org.staypuft.deployment.failed.v1")))
                .post("/api/v1/webhooks").then().statusCode(201)
                .body("eventTypes", equalTo(List.of("org.staypuft.deployment.completed.v1",
                        "org.staypuft.deployment.failed.v1")))
                .body("enabled", equalTo(true)).body("createdBy", equalTo("test-operator"))
                .extract();
        String id = created.path("id");
        String secret = created.path("secret");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
        assertThat(created.header("Location")).endsWith("/api/v1/webhooks/" + id);

        String one = asOperator().get("/api/v1/webhooks/" + id).then().statusCode(200)
                .body("url", equalTo("https://hooks.example.com/staypuft")).extract().asString();
        String all = asOperator().get("/api/v1/webhooks").then().statusCode(200).body("id", hasItem(id)).extract()
                .asString();
        String deliveries = asOperator().get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(200)
                .extract().asString();
        assertThat(List.of(one, all, deliveries)).noneMatch(body -> body.contains(secret))
                .noneMatch(body -> body.contains("\"secret\""));
    }

    @Test
    void aGivenSecretIsKeptAndShownOnce() {
        String secret = "s3cret-of-the-receiver-0123456789abcdef";
        asOperator().contentType(ContentType.JSON)
                .body(Map.of("url", "http://receiver.example/x", "eventTypes", List.of("host.assigned"),
                        "deploymentId", "dep-1", "secret", secret, "enabled", false))
                .post("/api/v1/webhooks").then().statusCode(201).body("secret", equalTo(secret))
                .body("deploymentId", equalTo("dep-1")).body("enabled", equalTo(false));
        assertThat(asOperator().get("/api/v1/webhooks").then().statusCode(200).extract().asString())
                .doesNotContain(secret);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndCreatesNothing() {
        int before = asOperator().get("/api/v1/webhooks").then().extract().jsonPath().getList("id").size();
        asOperator().contentType(ContentType.JSON)
                .body(Map.of("url", "ftp://files.example/x", "eventTypes", List.of("deployment.completed",
                        "no.such-event", "host.facts-recorded"), "secret", "short"))
                .post("/api/v1/webhooks").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("url", "eventTypes[1]", "eventTypes[2]", "secret"));
        asOperator().contentType(ContentType.JSON).body(Map.of("eventTypes", List.of()))
                .post("/api/v1/webhooks").then().statusCode(400).body("errors.field", hasItems("url", "eventTypes"));
        asOperator().contentType(ContentType.JSON)
                .body(Map.of("url", "https://user:pw@hooks.example/x", "eventTypes", List.of("host.built")))
                .post("/api/v1/webhooks").then().statusCode(400).body("field", equalTo("url"));
        asOperator().contentType(ContentType.JSON)
                .body("{\"url\":\"https://hooks.example/x\",\"eventTypes\":[\"host.built\"],\"colour\":\"red\"}")
                .post("/api/v1/webhooks").then().statusCode(400);
        assertThat(asOperator().get("/api/v1/webhooks").then().extract().jsonPath().getList("id")).hasSize(before);
    }

    @Test
    void viewersAndStrangersSeeNoSubscription() {
        asViewer().get("/api/v1/webhooks").then().statusCode(403);
        asViewer().contentType(ContentType.JSON)
                .body(Map.of("url", "https://hooks.example/x", "eventTypes", List.of("host.built")))
                .post("/api/v1/webhooks").then().statusCode(403);
        given().get("/api/v1/webhooks").then().statusCode(401);
    }

    @Test
    void deleteRemovesTheSubscription() {
        String id = asOperator().contentType(ContentType.JSON)
                .body(Map.of("url", "https://hooks.example/x", "eventTypes", List.of("host.built")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        asOperator().delete("/api/v1/webhooks/" + id).then().statusCode(204);
        asOperator().get("/api/v1/webhooks/" + id).then().statusCode(404).body("field", equalTo("id"));
        asOperator().delete("/api/v1/webhooks/" + id).then().statusCode(404);
        asOperator().get("/api/v1/webhooks/not-a-uuid/deliveries").then().statusCode(404);
    }
}
