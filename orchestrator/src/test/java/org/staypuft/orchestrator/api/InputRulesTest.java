package org.staypuft.orchestrator.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.staypuft.orchestrator.testing.Api;
import org.staypuft.orchestrator.testing.Specs;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.staypuft.orchestrator.testing.Specs.deployment;
import static org.staypuft.orchestrator.testing.Specs.role;

/**
 * Issue 12 finding 6 through the real orchestrator: every bad input is a 400 with the one problem body
 * ({@code application/problem+json}) naming the field, never a 500 or an empty body; nothing is created.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class InputRulesTest {

    private static final String DEPLOYMENTS = "/api/v1/deployments";

    @Test
    void aNulInAJsonStringIsRefusedNamingTheField() {
        String name = Specs.unique("nul");
        String body = "{\"name\":\"" + name + "\",\"description\":\"a\\u0000b\",\"roles\":[]}";
        refused(post(body), "description").body("detail", containsString("U+0000"));
        refused(post("{\"name\":\"x\\u0007y\",\"roles\":[]}"), "name");
        refused(post("{\"name\":\"" + name + "\",\"parameters\":{\"k\":\"v\\u001b\"},\"roles\":[]}"),
                "parameters.k");
        Api.as(Api.VIEWER).get(DEPLOYMENTS).then().statusCode(200).body("name", org.hamcrest.Matchers.not(
                org.hamcrest.Matchers.hasItem(name)));
    }

    @Test
    void aNulOrControlCharacterInAPathOrQueryParameterIsRefusedNamingIt() {
        refused(Api.operator().urlEncodingEnabled(false).delete(DEPLOYMENTS + "/a%00b").then(), "id");
        refused(Api.as(Api.VIEWER).urlEncodingEnabled(false).get(DEPLOYMENTS + "/a%0Ab").then(), "id");
        refused(Api.as(Api.VIEWER).urlEncodingEnabled(false).get("/api/v1/runs/r%01").then(), "runId");
    }

    @Test
    void malformedJsonAndInvalidUtf8AreRefusedWithABody() {
        refused(post("{\"name\": \"x\", "), "body").body("detail", startsWith("malformed JSON at line 1"));
        byte[] invalidUtf8 = "{\"name\":\"a\u00ffb\",\"roles\":[]}".getBytes(StandardCharsets.ISO_8859_1);
        refused(Api.operator().body(invalidUtf8).post(DEPLOYMENTS).then(), null)
                .body("detail", containsString("UTF-8"));
    }

    @Test
    void numbersMustBeWholeNumbersInRangeAndNotText() {
        for (Object puppetRuns : List.of(1.5, "3", 99999999999L, true)) {
            refused(Api.operator().body(deployment(Specs.unique("num"), List.of(role("db", List.of(), List.of(),
                    "puppetRuns", puppetRuns)))).post(DEPLOYMENTS).then(), "roles[0].puppetRuns");
        }
        refused(post("{\"name\":\"x\",\"roles\":[{\"name\":\"db\",\"maxHosts\":1e400}]}"), "roles[0].maxHosts");
        refused(Api.operator().body(Map.of("name", 5, "roles", List.of())).post(DEPLOYMENTS).then(), "name")
                .body("detail", containsString("expected a string"));
    }

    @Test
    void unknownFieldsAreRefusedNamingThem() {
        Map<String, Object> spec = deployment(Specs.unique("unknown"), List.of(role("db", List.of(), List.of(),
                "puppetRunz", 2)));
        refused(Api.operator().body(spec).post(DEPLOYMENTS).then(), "roles[0].puppetRunz")
                .body("detail", startsWith("unknown property 'puppetRunz'"));
        refused(Api.operatorYaml().body("name: y\nroles: []\ncolour: red\n").post(DEPLOYMENTS + "/import").then(),
                "colour");
    }

    @Test
    void theRestLayersOwnRefusalsHaveTheSameBody() {
        Api.operator().body("{}").contentType("text/csv").post(DEPLOYMENTS).then().statusCode(415)
                .contentType("application/problem+json").body("status", equalTo(415));
        Api.operator().delete("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
    }

    private static ValidatableResponse post(String json) {
        return Api.operator().body(json.getBytes(StandardCharsets.UTF_8)).post(DEPLOYMENTS).then();
    }

    private static ValidatableResponse refused(ValidatableResponse answer, String field) {
        answer.statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:staypuft:problem:invalid-request"))
                .body("status", equalTo(400));
        if (field != null) {
            answer.body("field", equalTo(field));
        }
        return answer;
    }

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }
}
