package org.staypuft.listener;

import org.junit.jupiter.api.Test;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** What operators and platforms look at: readiness, the API description, the metrics. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class OperationsTest {

    @Test
    void readyWhenTheDatabaseAndTheBrokerAre() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database", "Kafka"));
    }

    @Test
    void theApiIsDescribed() {
        given().accept(ContentType.JSON).when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/api/v2/discovered_hosts/facts'.post", notNullValue())
                .body("paths.'/api/v1/registrations'.post.security[0].'registration-token'", notNullValue())
                .body("paths.'/api/v1/registration-tokens'.post", notNullValue())
                .body("paths.'/api/v1/registration-tokens/{id}'.delete", notNullValue())
                .body("components.securitySchemes.'operator-jwt'.bearerFormat", equalTo("JWT"))
                .body("paths.'/api/v1/registration-tokens'.post.security[0].'operator-jwt'", notNullValue())
                .body("paths.'/api/v1/registration-tokens/{id}'.delete.security[0].'operator-jwt'", notNullValue())
                .body("paths.'/api/v1/answer-files'.post.security[0].'operator-jwt'", notNullValue())
                .body("paths.'/api/v1/answer-files/instructions'.get.security[0].'operator-jwt'", notNullValue())
                .body("paths.'/api/v2/discovered_hosts/facts'.post.security", nullValue());
    }

    @Test
    void intakeIsCounted() {
        given().contentType(ContentType.JSON).body("{\"facts\": {}}").post("/api/v2/discovered_hosts/facts")
                .then().statusCode(400);
        given().contentType(ContentType.JSON)
                .body(Fixtures.upload(Fixtures.factsWithMac("vmware_local", Fixtures.randomMac())))
                .post("/api/v2/discovered_hosts/facts")
                .then().statusCode(201);
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString(
                        "staypuft_listener_intake_refused_total{endpoint=\"facts\",reason=\"missing-mac\"}"))
                .body(containsString(
                        "staypuft_listener_intake_accepted_total{endpoint=\"facts\",outcome=\"created\"}"));
    }
}
