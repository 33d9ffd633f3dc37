package org.staypuft.orchestrator.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.staypuft.orchestrator.testing.Api;
import org.staypuft.orchestrator.testing.Hosts;
import org.staypuft.orchestrator.testing.SharedResponder;
import org.staypuft.orchestrator.testing.Specs;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.staypuft.orchestrator.testing.Specs.deployment;
import static org.staypuft.orchestrator.testing.Specs.role;

/** A run's view stays small whatever its size: per-role counts, and the hosts a filtered page at a time. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class RunHostsApiTest {

    private static final KafkaTestClient KAFKA = KafkaTestClient.ofTestBroker();

    @Test
    void runViewCountsPerRoleAndHostsComePagedAndFiltered() {
        List<String> alpha = hosts("alpha", 3);
        List<String> beta = hosts("beta", 2);
        String id = Api.createDeployment(deployment(Specs.unique("paged"), List.of(
                role("alpha", List.of(), alpha), role("beta", List.of("alpha"), beta))));
        String runId = Api.startRun(id);

        Api.awaitRun(runId, "COMPLETED", Duration.ofSeconds(60))
                .body("hosts", nullValue())
                .body("roles.find { it.name == 'alpha' }.hosts", equalTo(3))
                .body("roles.find { it.name == 'alpha' }.succeeded", equalTo(3))
                .body("roles.find { it.name == 'beta' }.hosts", equalTo(2))
                .body("roles.find { it.name == 'beta' }.durationMillis", notNullValue());

        List<String> seen = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            seen.addAll(page(runId, "page", page, "size", 2).body("total", equalTo(5)).body("page", equalTo(page))
                    .body("size", equalTo(2)).body("hosts", hasSize(page < 2 ? 2 : 1))
                    .extract().jsonPath().getList("hosts.hostId", String.class));
        }
        assertThat(seen).as("alpha's hosts, then beta's, in assignment order").containsExactlyElementsOf(
                concat(alpha, beta));
        page(runId, "role", "beta").body("total", equalTo(2)).body("hosts.role", everyItem(equalTo("beta")))
                .body("hosts.hostId", equalTo(beta));
        page(runId, "status", "succeeded", "role", "alpha", "size", 1, "page", 2).body("total", equalTo(3))
                .body("hosts.hostId", equalTo(List.of(alpha.get(2))));
        page(runId, "status", "FAILED").body("total", equalTo(0)).body("hosts", hasSize(0));
        Api.as(Api.VIEWER).get("/api/v1/runs/" + runId + "/hosts/" + beta.get(0)).then().statusCode(200)
                .body("host.status", equalTo("SUCCEEDED")).body("requests.size()", equalTo(3));
    }

    @Test
    void aBadFilterIsRefusedNamingTheParameterAndWhatItAccepts() {
        String host = hosts("gamma", 1).get(0);
        String runId = Api.startRun(Api.createDeployment(deployment(Specs.unique("filters"),
                List.of(role("gamma", List.of(), List.of(host))))));
        String hostsOfRun = "/api/v1/runs/" + runId + "/hosts";

        Api.as(Api.VIEWER).queryParam("status", "DONE").queryParam("page", -1).queryParam("size", 5000)
                .get(hostsOfRun).then().statusCode(400)
                .body("errors.field", equalTo(List.of("status", "page", "size")))
                .body("errors[0].message", equalTo("must be one of WAITING, RUNNING, SUCCEEDED, FAILED, SKIPPED, "
                        + "got 'DONE'"))
                .body("errors[1].message", equalTo("must be a whole number from 0, got '-1'"))
                .body("errors[2].message", equalTo("must be a whole number from 1 to 1000, got '5000'"));
        Api.as(Api.VIEWER).queryParam("size", "ten").get(hostsOfRun).then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
        Api.as(Api.VIEWER).queryParam("role", "delta").get(hostsOfRun).then().statusCode(400)
                .body("errors[0].field", equalTo("role"))
                .body("errors[0].message", containsString("must be one of gamma (the roles of run " + runId));
        Api.as(Api.VIEWER).get("/api/v1/runs/no-such-run/hosts").then().statusCode(404)
                .body("errors[0].field", equalTo("runId"));
        RestAssured.given().get(hostsOfRun).then().statusCode(401);
        Api.awaitRun(runId, "COMPLETED", Duration.ofSeconds(60));
    }

    private static ValidatableResponse page(String runId, Object... parameters) {
        var request = Api.as(Api.VIEWER);
        for (int i = 0; i < parameters.length; i += 2) {
            request = request.queryParam((String) parameters[i], parameters[i + 1]);
        }
        return request.get("/api/v1/runs/" + runId + "/hosts").then().statusCode(200);
    }

    /** Hosts assigned in this order (the order of the run's pages within a role). */
    private static List<String> hosts(String role, int count) {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String host = Hosts.newId(role);
            Hosts.registered(KAFKA, host);
            SharedResponder.get().script(host, role);
            hosts.add(host);
        }
        Api.awaitHostsKnown(hosts);
        return hosts;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
