package org.staypuft.orchestrator.run;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.Topics;
import org.staypuft.events.deployment.DeploymentCompleted;
import org.staypuft.events.deployment.HostFailed;
import org.staypuft.events.deployment.RunPaused;
import org.staypuft.events.deployment.RunResumed;
import org.staypuft.events.deployment.RunWaitEnded;
import org.staypuft.events.deployment.RunWaiting;
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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.staypuft.orchestrator.testing.Specs.deployment;
import static org.staypuft.orchestrator.testing.Specs.role;

/**
 * Issue 11: a host that waits for a part of Staypuft longer than the wait limit pauses its run instead of failing;
 * nothing new starts while it is paused; an operator resumes it, and the limit counts again from the resume. The run
 * announces the wait and the pause on the deployment's topic, once per transition.
 */
@QuarkusTest
@TestProfile(RunPauseTest.ShortWaitLimit.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class RunPauseTest {

    /** A wait limit of 8 s (the default is 30 min); the waits are re-checked every 3 s in tests. */
    public static class ShortWaitLimit implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("staypuft.orchestrator.wait-limit", "8s");
        }
    }

    private static final Duration LIMIT = Duration.ofSeconds(8);
    private static final KafkaTestClient KAFKA = KafkaTestClient.ofTestBroker();
    private final PuppetSideResponder responder = SharedResponder.get();

    @Test
    void aWaitLongerThanTheLimitPausesTheRunNothingFailsNothingStartsAndAResumeGoesOn() {
        String silent = host("base");
        String dependent = host("app");
        responder.script(silent).silent = true;
        Api.awaitHostsKnown(List.of(silent, dependent));
        String id = Api.createDeployment(deployment(Specs.unique("paused"), List.of(
                role("base", List.of(), List.of(silent), "timeouts", Map.of("puppetRunSeconds", 10)),
                role("app", List.of("base"), List.of(dependent)))));

        String runId = Api.startRun(id);

        // The runner never answers the silent host: it waits, then the run pauses; nobody fails.
        Api.awaitRun(runId, "PAUSED", Duration.ofSeconds(120))
                .body("run.counts.failed", equalTo(0))
                .body("run.pause.part", equalTo("puppet-runner"))
                .body("run.pause.waitingFor", startsWith("puppet-runner ("))
                .body("run.pause.since", notNullValue())
                .body("run.pause.pausedAt", notNullValue())
                .body("run.reason", containsString("longer than the wait limit PT8S"))
                .body("waitingFor.part", hasItem(startsWith("puppet-runner")));
        String since = Api.run(runId).extract().path("run.pause.since");

        // Resumed while the runner is still away: the limit counts again from the resume, so it pauses again only
        // a whole limit later; the host's wait keeps its "since".
        Instant resumed = Instant.now();
        Api.operator().post("/api/v1/runs/" + runId + "/resume").then().statusCode(200)
                .body("run.status", equalTo("RUNNING")).body("run.pause", nullValue());
        Api.awaitRun(runId, "PAUSED", Duration.ofSeconds(120)).body("run.pause.since", equalTo(since))
                .body("run.reason", containsString("longer than the wait limit PT8S counted from the resume at "));
        OffsetDateTime pausedAgain = OffsetDateTime.parse(Api.run(runId).extract().path("run.pause.pausedAt"));
        assertThat(pausedAgain.toInstant()).isAfterOrEqualTo(resumed.plus(LIMIT));

        // The runner is back: the step under way finishes, the wait ends, but nothing new starts while paused.
        responder.script(silent).silent = false;
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> Api
                .runHosts(runId)
                .body("hosts.find { it.hostId == '" + silent + "' }.phase", equalTo("DEPLOY"))
                .body("hosts.find { it.hostId == '" + silent + "' }.status", equalTo("WAITING")));
        Api.run(runId).body("run.status", equalTo("PAUSED")).body("waitingFor", empty())
                .body("run.counts.failed", equalTo(0));
        assertThat(responder.received(silent, RunPurpose.DEPLOY)).isEmpty();
        assertThat(responder.received(dependent, RunPurpose.DEPLOY)).isEmpty();

        Api.operator().post("/api/v1/runs/" + runId + "/resume").then().statusCode(200)
                .body("run.status", equalTo("RUNNING"));
        Api.awaitRun(runId, "COMPLETED", Duration.ofSeconds(120)).body("run.counts.deployed", equalTo(2))
                .body("run.counts.failed", equalTo(0)).body("run.pause", nullValue());

        // Only a paused run resumes: 409 with the one problem body, naming the run.
        Api.operator().post("/api/v1/runs/" + runId + "/resume").then().statusCode(409)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("runId"))
                .body("errors[0].message", equalTo("run is COMPLETED; only a paused run can be resumed"));

        List<EventEnvelope> events = DeploymentEvents.of(KAFKA, Topics.DEPLOYMENT_EVENTS, id,
                e -> e.payload() instanceof DeploymentCompleted, 1);
        events = DeploymentEvents.all(KAFKA, Topics.DEPLOYMENT_EVENTS, id);
        assertThat(DeploymentEvents.payloads(events, HostFailed.class)).isEmpty();
        assertThat(DeploymentEvents.payloads(events, RunPaused.class)).hasSize(2).allSatisfy(paused -> {
            assertThat(paused.runId()).isEqualTo(runId);
            assertThat(paused.part()).isEqualTo("puppet-runner");
            assertThat(paused.detail()).startsWith("puppet-runner (");
            assertThat(paused.waitLimit()).isEqualTo("PT8S");
            assertThat(Instant.parse(paused.waitingSince())).isEqualTo(instant(since));
        });
        assertThat(DeploymentEvents.payloads(events, RunResumed.class)).hasSize(2)
                .allSatisfy(r -> assertThat(r.resumedBy()).isEqualTo("alice"))
                .allSatisfy(r -> assertThat(r.pausedMillis()).isNotNegative());
        // The runner's wait: announced when it began and when it ended, not at each of its many re-checks.
        List<Object> runnerWait = events.stream().map(EventEnvelope::payload)
                .filter(p -> p instanceof RunWaiting w && w.part().equals("puppet-runner")
                        || p instanceof RunWaitEnded e && e.part().equals("puppet-runner"))
                .map(p -> (Object) p).limit(2).toList();
        assertThat(runnerWait).hasSize(2);
        assertThat(runnerWait.get(0)).isInstanceOfSatisfying(RunWaiting.class, waiting -> {
            assertThat(waiting.hosts()).isEqualTo(1);
            assertThat(waiting.detail()).startsWith("puppet-runner (");
            assertThat(Instant.parse(waiting.since())).isEqualTo(instant(since));
        });
        assertThat(runnerWait.get(1)).isInstanceOfSatisfying(RunWaitEnded.class, ended -> {
            assertThat(Instant.parse(ended.since())).isEqualTo(instant(since));
            assertThat(ended.waitedMillis()).isGreaterThanOrEqualTo(2 * LIMIT.toMillis());
        });
    }

    private static Instant instant(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    private String host(String role) {
        String host = Hosts.newId(role);
        Hosts.registered(KAFKA, host);
        responder.script(host, role);
        return host;
    }
}
