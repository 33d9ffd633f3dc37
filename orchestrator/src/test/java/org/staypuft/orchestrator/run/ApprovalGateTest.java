package org.staypuft.orchestrator.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.Topics;
import org.staypuft.events.deployment.DeploymentCompleted;
import org.staypuft.events.deployment.DeploymentFailed;
import org.staypuft.events.deployment.RoleApprovalRequested;
import org.staypuft.events.deployment.RoleApproved;
import org.staypuft.events.deployment.RoleFailed;
import org.staypuft.events.deployment.RoleStarted;
import org.staypuft.events.puppet.RunPurpose;
import org.staypuft.orchestrator.testing.Api;
import org.staypuft.orchestrator.testing.DeploymentEvents;
import org.staypuft.orchestrator.testing.Hosts;
import org.staypuft.orchestrator.testing.PuppetSideResponder;
import org.staypuft.orchestrator.testing.SharedResponder;
import org.staypuft.orchestrator.testing.Specs;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.staypuft.orchestrator.testing.Specs.deployment;
import static org.staypuft.orchestrator.testing.Specs.role;

/**
 * Issue 17, approval gates: a role whose policy needs an operator's approval holds, none of its hosts touched, until
 * an operator approves it; who approved is recorded and announced; without an approval in time it fails like a role
 * whose hosts failed, blocking its dependents.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ApprovalGateTest {

    private static final KafkaTestClient KAFKA = KafkaTestClient.ofTestBroker();
    private final PuppetSideResponder responder = SharedResponder.get();

    @Test
    void anApprovalGateHoldsTheRoleUntilAnOperatorApprovesIt() {
        String first = host("a");
        String gated = host("b");
        Api.awaitHostsKnown(List.of(first, gated));
        String id = Api.createDeployment(deployment(Specs.unique("gate"), List.of(
                role("a", List.of(), List.of(first)),
                role("b", List.of("a"), List.of(gated), "approval", Map.of("required", true)))));

        String runId = Api.startRun(id);

        // a runs and is ready; b waits for the approval and nothing at all is sent for its host, not even prepare.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> Api.run(runId)
                .body("roles.find { it.name == 'a' }.status", equalTo("READY"))
                .body("roles.find { it.name == 'b' }.status", equalTo("AWAITING_APPROVAL")));
        Api.run(runId).body("run.status", equalTo("RUNNING"))
                .body("roles.find { it.name == 'b' }.approval.requestedAt", notNullValue())
                .body("roles.find { it.name == 'b' }.approval.deadlineAt", nullValue())
                .body("roles.find { it.name == 'b' }.approval.approvedBy", nullValue())
                .body("roles.find { it.name == 'b' }.reason", containsString("staypuft runs approve " + runId + " b"))
                .body("roles.find { it.name == 'a' }.approval", nullValue());
        assertThat(responder.received(first, RunPurpose.DEPLOY)).isNotEmpty();
        assertThat(responder.received(gated)).isEmpty();
        Api.runHosts(runId).body("hosts.find { it.hostId == '" + gated + "' }.phase", equalTo("PREPARE"))
                .body("hosts.find { it.hostId == '" + gated + "' }.status", equalTo("WAITING"));

        // Only an operator approves; an unknown role is a 404, a role that does not wait a 409.
        Api.as(Api.VIEWER).post("/api/v1/runs/" + runId + "/roles/b/approve").then().statusCode(403);
        Api.operator().post("/api/v1/runs/" + runId + "/roles/nope/approve").then().statusCode(404)
                .contentType("application/problem+json").body("errors[0].field", equalTo("role"));
        Api.operator().post("/api/v1/runs/" + runId + "/roles/a/approve").then().statusCode(409)
                .contentType("application/problem+json").body("errors[0].field", equalTo("role"));
        assertThat(responder.received(gated)).isEmpty();

        Api.operator().post("/api/v1/runs/" + runId + "/roles/b/approve").then().statusCode(200)
                .body("roles.find { it.name == 'b' }.approval.approvedBy", equalTo("alice"))
                .body("roles.find { it.name == 'b' }.approval.approvedAt", notNullValue());
        // A second approval (a redelivered request) starts nothing twice.
        Api.operator().post("/api/v1/runs/" + runId + "/roles/b/approve").then().statusCode(409)
                .body("errors[0].message", containsString("approved by alice"));

        Api.awaitRun(runId, "COMPLETED", Duration.ofSeconds(90)).body("run.counts.deployed", equalTo(2))
                .body("roles.find { it.name == 'b' }.status", equalTo("READY"))
                .body("roles.find { it.name == 'b' }.approval.approvedBy", equalTo("alice"));
        assertThat(responder.received(gated, RunPurpose.DEPLOY)).isNotEmpty();

        DeploymentEvents.of(KAFKA, Topics.DEPLOYMENT_EVENTS, id, e -> e.payload() instanceof DeploymentCompleted, 1);
        List<EventEnvelope> events = DeploymentEvents.all(KAFKA, Topics.DEPLOYMENT_EVENTS, id);
        assertThat(DeploymentEvents.payloads(events, RoleApprovalRequested.class)).singleElement()
                .satisfies(requested -> {
                    assertThat(requested.runId()).isEqualTo(runId);
                    assertThat(requested.role()).isEqualTo("b");
                    assertThat(requested.hostCount()).isEqualTo(1);
                    assertThat(requested.timeoutSeconds()).isNull();
                });
        assertThat(DeploymentEvents.payloads(events, RoleApproved.class)).singleElement().satisfies(approved -> {
            assertThat(approved.role()).isEqualTo("b");
            assertThat(approved.approvedBy()).isEqualTo("alice");
            assertThat(approved.waitedMillis()).isNotNegative();
        });
        List<Object> order = events.stream().map(EventEnvelope::payload)
                .filter(p -> p instanceof RoleApprovalRequested || p instanceof RoleApproved
                        || (p instanceof RoleStarted started && started.role().equals("b")))
                .map(p -> (Object) p.getClass().getSimpleName()).toList();
        assertThat(order).containsExactly("RoleApprovalRequested", "RoleApproved", "RoleStarted");
    }

    @Test
    void withoutAnApprovalInTimeTheRoleFailsAndBlocksItsDependents() {
        String first = host("a");
        String gated = host("b");
        String after = host("c");
        Api.awaitHostsKnown(List.of(first, gated, after));
        // The deployment's default gates every role; a opts out.
        Map<String, Object> spec = deployment(Specs.unique("gate-timeout"), List.of(
                role("a", List.of(), List.of(first), "approval", Map.of("required", false)),
                role("b", List.of("a"), List.of(gated)),
                role("c", List.of("b"), List.of(after))));
        spec.put("approval", Map.of("required", true, "timeoutSeconds", 0));
        Api.operator().body(spec).post("/api/v1/deployments").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("approval.timeoutSeconds"));
        spec.put("approval", Map.of("required", true, "timeoutSeconds", 3));
        String id = Api.createDeployment(spec);
        Api.as(Api.VIEWER).get("/api/v1/deployments/" + id).then().statusCode(200)
                .body("roles.find { it.name == 'a' }.approval", nullValue())
                .body("roles.find { it.name == 'b' }.approval.timeoutSeconds", equalTo(3));

        String runId = Api.startRun(id);

        Api.awaitRun(runId, "FAILED", Duration.ofSeconds(90))
                .body("roles.find { it.name == 'a' }.status", equalTo("READY"))
                .body("roles.find { it.name == 'b' }.status", equalTo("FAILED"))
                .body("roles.find { it.name == 'b' }.reason", containsString("approval timeout of 3 s"))
                .body("roles.find { it.name == 'c' }.status", equalTo("BLOCKED"));
        assertThat(responder.received(gated)).isEmpty();
        assertThat(responder.received(after)).isEmpty();
        Api.operator().post("/api/v1/runs/" + runId + "/roles/b/approve").then().statusCode(409);

        DeploymentEvents.of(KAFKA, Topics.DEPLOYMENT_EVENTS, id, e -> e.payload() instanceof DeploymentFailed, 1);
        List<EventEnvelope> events = DeploymentEvents.all(KAFKA, Topics.DEPLOYMENT_EVENTS, id);
        assertThat(DeploymentEvents.payloads(events, RoleApprovalRequested.class)).singleElement()
                .satisfies(requested -> {
                    assertThat(requested.timeoutSeconds()).isEqualTo(3);
                    assertThat(requested.deadline()).isNotNull();
                });
        assertThat(DeploymentEvents.payloads(events, RoleFailed.class)).singleElement()
                .satisfies(failed -> assertThat(failed.reason()).startsWith("APPROVAL_TIMEOUT"));
        assertThat(DeploymentEvents.payloads(events, RoleApproved.class)).isEmpty();
    }

    @Test
    void aRunWaitingForAnApprovalCanBeCancelled() {
        String gated = host("gate");
        Api.awaitHostsKnown(List.of(gated));
        String id = Api.createDeployment(deployment(Specs.unique("gate-cancel"), List.of(
                role("gate", List.of(), List.of(gated), "approval", Map.of("required", true, "timeoutSeconds",
                        3600)))));
        String runId = Api.startRun(id);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> Api.run(runId)
                .body("roles[0].status", equalTo("AWAITING_APPROVAL"))
                .body("roles[0].approval.deadlineAt", notNullValue()));

        Api.operator().post("/api/v1/runs/" + runId + "/cancel").then().statusCode(200);
        Api.awaitRun(runId, "CANCELLED", Duration.ofSeconds(30)).body("roles[0].status", equalTo("CANCELLED"))
                .body("roles[0].reason", equalTo("cancelled while awaiting an operator's approval"))
                .body("roles[0].approval.deadlineAt", nullValue());
        Api.operator().post("/api/v1/runs/" + runId + "/roles/gate/approve").then().statusCode(409);
        assertThat(responder.received(gated)).isEmpty();
    }

    private String host(String role) {
        String host = Hosts.newId(role);
        Hosts.registered(KAFKA, host);
        responder.script(host, role);
        return host;
    }
}
