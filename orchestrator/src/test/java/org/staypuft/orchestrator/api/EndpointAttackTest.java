package org.staypuft.orchestrator.api;

import java.net.URI;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.staypuft.events.ApiRoles;
import org.staypuft.events.Topics;
import org.staypuft.orchestrator.testing.Api;
import org.staypuft.orchestrator.testing.Specs;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;
import org.staypuft.testsupport.attack.EndpointAttack;
import org.staypuft.testsupport.attack.EndpointAttack.Access;
import org.staypuft.testsupport.attack.ServiceState;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.staypuft.orchestrator.testing.Specs.deployment;
import static org.staypuft.orchestrator.testing.Specs.role;

/**
 * The endpoint attack (issue 12) on the orchestrator: every operation of its OpenAPI document, every attack class;
 * no 5xx, only documented answers, no row and no event more.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class EndpointAttackTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    DataSource database;

    @Test
    void everyOperationRefusesEveryAttackAndNothingChanges() throws Exception {
        String name = Specs.unique("attack");
        String deployment = Api.createDeployment(deployment(name, List.of(role("db", List.of(), List.of()))));
        String spec = "{\"name\":\"" + name + "\",\"description\":\"d\",\"parameters\":{\"a\":\"b\"},"
                + "\"roles\":[{\"name\":\"db\",\"puppetRuns\":2}]}";
        String run = "00000000-0000-0000-0000-00000000a77a";
        String host = "mac0000000a77ac";
        // A rule that matches nothing, so that whatever the attack changes takes no host of another test.
        String rule = Specs.unique("attack-rule");
        String ruleSpec = "{\"name\":\"" + rule + "\",\"priority\":5,\"expression\":\"false\",\"deployment\":\""
                + name + "\",\"role\":\"db\",\"maxCount\":2,\"hostnamePattern\":\"attack-${n}\",\"enabled\":false}";
        Api.operator().body(ruleSpec).post("/api/v1/discovery-rules").then().statusCode(201);

        EndpointAttack attack = EndpointAttack.on(URI.create(base.toString().replaceAll("/$", "")),
                ApiRoles.AUDIENCE_ORCHESTRATOR);
        attack.operation("GET", "/dashboard", Access.PUBLIC);
        attack.operation("GET", "/api/v1/deployments", Access.VIEWER);
        attack.operation("POST", "/api/v1/deployments", Access.OPERATOR).body(spec.replace(name, name + "-new"));
        attack.operation("GET", "/api/v1/deployments/{id}", Access.VIEWER).path("id", deployment);
        attack.operation("PUT", "/api/v1/deployments/{id}", Access.OPERATOR).path("id", deployment).body(spec);
        attack.operation("DELETE", "/api/v1/deployments/{id}", Access.OPERATOR).path("id", deployment);
        attack.operation("GET", "/api/v1/deployments/{id}/export", Access.VIEWER).path("id", deployment);
        attack.operation("POST", "/api/v1/deployments/import", Access.OPERATOR).mediaType("application/yaml");
        attack.operation("POST", "/api/v1/deployments/{id}/roles/{role}/hosts/{hostId}", Access.OPERATOR)
                .path("id", deployment).path("role", "db").path("hostId", host);
        attack.operation("DELETE", "/api/v1/deployments/{id}/roles/{role}/hosts/{hostId}", Access.OPERATOR)
                .path("id", deployment).path("role", "db").path("hostId", host);
        attack.operation("POST", "/api/v1/deployments/{id}/runs", Access.OPERATOR).path("id", deployment)
                .body("{\"redeployAll\":false}");
        attack.operation("GET", "/api/v1/deployments/{id}/runs", Access.VIEWER).path("id", deployment);
        attack.operation("GET", "/api/v1/hosts", Access.VIEWER);
        attack.operation("GET", "/api/v1/runs/{runId}", Access.VIEWER).path("runId", run);
        attack.operation("GET", "/api/v1/runs/{runId}/hosts", Access.VIEWER).path("runId", run);
        attack.operation("GET", "/api/v1/runs/{runId}/hosts/{hostId}", Access.VIEWER).path("runId", run)
                .path("hostId", host);
        attack.operation("POST", "/api/v1/runs/{runId}/cancel", Access.OPERATOR).path("runId", run);
        attack.operation("POST", "/api/v1/runs/{runId}/retry-failed", Access.OPERATOR).path("runId", run);
        attack.operation("POST", "/api/v1/runs/{runId}/resume", Access.OPERATOR).path("runId", run);
        attack.operation("POST", "/api/v1/runs/{runId}/roles/{role}/approve", Access.OPERATOR).path("runId", run)
                .path("role", "db");
        attack.operation("POST", "/api/v1/runs/{runId}/hosts/{hostId}/skip", Access.OPERATOR).path("runId", run)
                .path("hostId", host).body("{\"reason\":\"broken disk\"}");
        attack.operation("GET", "/api/v1/runs/{runId}/events", Access.VIEWER).path("runId", run);
        attack.operation("GET", "/api/v1/discovery-rules", Access.VIEWER);
        attack.operation("POST", "/api/v1/discovery-rules", Access.OPERATOR).body(ruleSpec.replace(rule, rule
                + "-new"));
        attack.operation("GET", "/api/v1/discovery-rules/{name}", Access.VIEWER).path("name", rule);
        attack.operation("PUT", "/api/v1/discovery-rules/{name}", Access.OPERATOR).path("name", rule).body(ruleSpec);
        attack.operation("DELETE", "/api/v1/discovery-rules/{name}", Access.OPERATOR).path("name", rule);
        attack.operation("POST", "/api/v1/discovery-rules/{name}/enable", Access.OPERATOR).path("name", rule);
        attack.operation("POST", "/api/v1/discovery-rules/{name}/disable", Access.OPERATOR).path("name", rule);
        attack.operation("POST", "/api/v1/discovery-rules/{name}/test", Access.VIEWER).path("name", rule);

        EndpointAttack.Report report = attack.run(() -> ServiceState.of(database,
                List.of(Topics.DEPLOYMENT_EVENTS, Topics.PUPPET_COMMANDS),
                Set.of("orchestrator_replica", "replica_lease", "run_history")));
        EndpointAttack.assertClean(report);
        assertThat(report.requests()).isGreaterThan(300);
    }
}
