package org.staypuft.registry;

import org.junit.jupiter.api.Test;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.staypuft.registry.TestHosts.asViewer;

/**
 * Issue 12 finding 6 through the real registry: NUL and control characters in a path or query parameter, are a 400 with the one problem body naming the field (a NUL
 * reached PostgreSQL and gave 500 before).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class InputRulesTest {

    @Test
    void controlCharactersInParametersAreRefusedNamingThem() {
        refused(asViewer().urlEncodingEnabled(false).get("/api/v1/hosts/a%00b").then(), "id")
                .body("detail", containsString("U+0000"));
        refused(asViewer().urlEncodingEnabled(false).get("/api/v1/hosts/a%1Fb/facts").then(), "id");
        refused(asViewer().urlEncodingEnabled(false).get("/api/v1/hosts?state=free%00").then(), "state");
        refused(given().urlEncodingEnabled(false).get("/unattended/provision?token=t%00").then(), "token");
    }

    private static ValidatableResponse refused(ValidatableResponse answer, String field) {
        return answer.statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:staypuft:problem:invalid-request"))
                .body("field", equalTo(field));
    }
}
