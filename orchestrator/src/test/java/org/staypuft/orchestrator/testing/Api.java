package org.staypuft.orchestrator.testing;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.staypuft.testsupport.StaypuftTokens;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import static org.awaitility.Awaitility.await;

/** The orchestrator's REST API as an operator uses it, with tokens minted for the test. */
public final class Api {

    public static final String OPERATOR = StaypuftTokens.operator("alice");
    public static final String VIEWER = StaypuftTokens.viewer("victor");

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private Api() {
    }

    public static RequestSpecification as(String token) {
        return RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** An operator sending YAML. */
    public static RequestSpecification operatorYaml() {
        return RestAssured.given().auth().oauth2(OPERATOR).config(RestAssured.config().encoderConfig(EncoderConfig
                .encoderConfig().encodeContentTypeAs("application/yaml", ContentType.TEXT)))
                .contentType("application/yaml");
    }

    public static RequestSpecification operator() {
        return as(OPERATOR);
    }

    /** Waits until the orchestrator's host view knows every host (it learns them from host events). */
    public static void awaitHostsKnown(Collection<String> hostIds) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<String> known = as(VIEWER).queryParam("limit", 5000).get("/api/v1/hosts").then().statusCode(200)
                    .extract().jsonPath().getList("hostId");
            return known.containsAll(hostIds);
        });
    }

    /** Creates a deployment and returns its id. */
    public static String createDeployment(Map<String, Object> spec) {
        return operator().body(spec).post("/api/v1/deployments").then().statusCode(201).extract().path("id");
    }

    public static String startRun(String deploymentId) {
        return operator().body(Map.of()).post("/api/v1/deployments/" + deploymentId + "/runs").then()
                .statusCode(201).extract().path("run.id");
    }

    public static ValidatableResponse run(String runId) {
        return as(VIEWER).get("/api/v1/runs/" + runId).then().statusCode(200);
    }

    /** Every host of the run: one page as large as the API allows (the tests' runs are far smaller). */
    public static ValidatableResponse runHosts(String runId) {
        return as(VIEWER).queryParam("size", 1000).get("/api/v1/runs/" + runId + "/hosts").then().statusCode(200);
    }

    public static String runStatus(String runId) {
        return run(runId).extract().path("run.status");
    }

    /** Waits for the run to be in the given status (an end, or PAUSED); fails early when it ended otherwise. */
    public static ValidatableResponse awaitRun(String runId, String status, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() -> {
            String now = runStatus(runId);
            if (!now.equals(status) && !now.equals("RUNNING") && !now.equals("PAUSED")
                    && !now.equals("CANCELLING")) {
                throw new AssertionError("run ended " + now + ", expected " + status + ": "
                        + run(runId).extract().asString());
            }
            return now.equals(status);
        });
        return run(runId);
    }
}
