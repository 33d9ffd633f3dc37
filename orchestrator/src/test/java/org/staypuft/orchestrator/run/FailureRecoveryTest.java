package org.staypuft.orchestrator.run;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.Topics;
import org.staypuft.events.deployment.AgentEnabled;
import org.staypuft.events.deployment.DeploymentCompleted;
import org.staypuft.events.deployment.DeploymentFailed;
import org.staypuft.events.deployment.HostDeployed;
import org.staypuft.events.deployment.HostFailed;
import org.staypuft.events.deployment.HostSkipped;
import org.staypuft.events.deployment.RoleFailed;
import org.staypuft.events.deployment.RunWaitEnded;
import org.staypuft.events.deployment.RunWaiting;
import org.staypuft.events.puppet.RunOutcome;
import org.staypuft.events.puppet.RunPurpose;
import org.staypuft.orchestrator.testing.Api;
import org.staypuft.orchestrator.testing.DeploymentEvents;
import org.staypuft.orchestrator.testing.Hosts;
import org.staypuft.orchestrator.testing.PuppetSideResponder;
import org.staypuft.orchestrator.testing.PuppetSideResponder.Received;
import org.staypuft.orchestrator.testing.SharedResponder;
import org.staypuft.orchestrator.testing.Specs;
import org.staypuft.testsupport.DatabaseOutage;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.staypuft.orchestrator.testing.Specs.deployment;
import static org.staypuft.orchestrator.testing.Specs.role;

/** Failures stop what depends on them and leave agents off; operators retry or skip; duplicates change nothing. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class FailureRecoveryTest {

    private static final KafkaTestClient KAFKA = KafkaTestClient.ofTestBroker();
    private final PuppetSideResponder responder = SharedResponder.get();

    @Inject
    DataSource dataSource;

    @Test
    void aFailedHostStopsDependentsLeavesAgentsDisabledAndRetryFailedCompletesTheRun() {
        String broken = host("base");
        String fine = host("base");
        String dependent = host("app");
        String unreachable = host("edge");
        responder.script(broken).failEveryDeployRun = true;
        responder.script(unreachable).deployTransportFailure = RunOutcome.UNREACHABLE;
        Set<String> all = Set.of(broken, fine, dependent, unreachable);
        Api.awaitHostsKnown(all);
        String id = Api.createDeployment(deployment(Specs.unique("failing"), List.of(
                role("base", List.of(), List.of(broken, fine)),
                role("app", List.of("base"), List.of(dependent)),
                role("edge", List.of(), List.of(unreachable), "puppetRuns", 3))));

        String runId = Api.startRun(id);

        Api.awaitRun(runId, "FAILED", Duration.ofSeconds(60))
                .body("run.counts.failed", equalTo(2))
                .body("run.reason", containsString("roles failed: base, edge"))
                .body("roles.find { it.name == 'base' }.status", equalTo("FAILED"))
                .body("roles.find { it.name == 'app' }.status", equalTo("BLOCKED"));
        Api.runHosts(runId)
                .body("hosts.find { it.hostId == '" + broken + "' }.reason",
                        equalTo("puppet run 1/1: FAILED, failed resources: Exec[db-sync] (resources failed)"))
                .body("hosts.find { it.hostId == '" + unreachable + "' }.reason",
                        equalTo("puppet run 1/3: UNREACHABLE (scripted UNREACHABLE)"))
                .body("hosts.find { it.hostId == '" + dependent + "' }.phase", equalTo("DEPLOY"))
                .body("hosts.find { it.hostId == '" + dependent + "' }.status", equalTo("WAITING"));
        assertThat(responder.received(dependent, RunPurpose.DEPLOY)).isEmpty();
        assertThat(responder.received(unreachable, RunPurpose.DEPLOY)).hasSize(1); // transport failures stop at once
        assertThat(responder.received().stream().filter(r -> all.contains(r.hostId()))
                .filter(r -> r.purpose() == RunPurpose.ENABLE_AGENT)).isEmpty();
        List<EventEnvelope> events = DeploymentEvents.of(KAFKA, Topics.DEPLOYMENT_EVENTS, id,
                e -> e.payload() instanceof DeploymentFailed, 1);
        events = DeploymentEvents.all(KAFKA, Topics.DEPLOYMENT_EVENTS, id);
        assertThat(DeploymentEvents.payloads(events, DeploymentFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.failedRoles()).containsExactly("base", "edge"));
        assertThat(DeploymentEvents.payloads(events, RoleFailed.class)).filteredOn(f -> f.role().equals("base"))
                .singleElement().satisfies(f -> assertThat(f.failedHostIds()).containsExactly(broken));
        assertThat(DeploymentEvents.payloads(events, AgentEnabled.class)).isEmpty();

        responder.script(broken).failEveryDeployRun = false;
        responder.script(unreachable).deployTransportFailure = null;
        Api.operator().post("/api/v1/runs/" + runId + "/retry-failed").then().statusCode(200)
                .body("run.status", equalTo("RUNNING"));

        Api.awaitRun(runId, "COMPLETED", Duration.ofSeconds(60)).body("run.counts.deployed", equalTo(4))
                .body("run.counts.failed", equalTo(0));
        Api.runHosts(runId).body("hosts.find { it.hostId == '" + broken + "' }.attempt", equalTo(2));
        assertThat(responder.received(fine, RunPurpose.DEPLOY)).hasSize(1); // succeeded hosts are not run again
        assertThat(responder.received(broken, RunPurpose.DEPLOY)).extracting(Received::stepId).containsExactly(
                runId + "/" + broken + "/deploy-1/1", runId + "/" + broken + "/deploy-1/2");
        assertThat(responder.received(unreachable, RunPurpose.DEPLOY)).hasSize(4);
        assertThat(responder.received(dependent, RunPurpose.DEPLOY)).hasSize(1);
        for (String host : all) {
            assertThat(responder.received(host, RunPurpose.ENABLE_AGENT)).hasSize(1);
        }
    }

    @Test
    void enableAgentDriftFailsTheHostNamingTheResourceAndSkippingItCompletesTheRun() {
        String clean = host("web");
        String drifting = host("web");
        String worker = host("batch");
        responder.script(drifting).enableAgentDrift = List.of("File[/etc/motd]");
        Api.awaitHostsKnown(List.of(clean, drifting, worker));
        String id = Api.createDeployment(deployment(Specs.unique("drift"), List.of(
                role("web", List.of(), List.of(clean, drifting)),
                role("batch", List.of(), List.of(worker)))));

        String runId = Api.startRun(id);

        Api.awaitRun(runId, "FAILED", Duration.ofSeconds(60))
                .body("run.reason", equalTo("1 hosts failed to re-enable their agent"))
                .body("roles.find { it.name == 'batch' }.status", equalTo("READY"));
        Api.runHosts(runId)
                .body("hosts.find { it.hostId == '" + drifting + "' }.failedPhase", equalTo("ENABLE_AGENT"))
                .body("hosts.find { it.hostId == '" + drifting + "' }.reason", equalTo(
                        "enable-agent run changed resources other than Service[puppet]: File[/etc/motd]"))
                .body("hosts.find { it.hostId == '" + clean + "' }.status", equalTo("SUCCEEDED"));
        List<EventEnvelope> events = DeploymentEvents.all(KAFKA, Topics.DEPLOYMENT_EVENTS, id);
        assertThat(DeploymentEvents.payloads(events, HostFailed.class)).extracting(HostFailed::hostId,
                HostFailed::phase).containsExactly(tuple(drifting, "enable-agent"));

        Api.operator().body(Map.of("reason", "why not")).post("/api/v1/runs/" + runId + "/hosts/" + clean + "/skip")
                .then().statusCode(409).body("errors[0].message", containsString("only a failed host"));
        Api.operator().body(Map.of("reason", "motd is managed elsewhere"))
                .post("/api/v1/runs/" + runId + "/hosts/" + drifting + "/skip").then().statusCode(200)
                .body("host.status", equalTo("SKIPPED")).body("host.skippedBy", equalTo("alice"))
                .body("host.skipReason", equalTo("motd is managed elsewhere"))
                .body("requests.size()", equalTo(3));

        Api.awaitRun(runId, "COMPLETED", Duration.ofSeconds(30)).body("run.counts.deployed", equalTo(2))
                .body("run.counts.skipped", equalTo(1)).body("run.counts.failed", equalTo(0));
        events = DeploymentEvents.of(KAFKA, Topics.DEPLOYMENT_EVENTS, id,
                e -> e.payload() instanceof DeploymentCompleted, 1);
        events = DeploymentEvents.all(KAFKA, Topics.DEPLOYMENT_EVENTS, id);
        assertThat(DeploymentEvents.payloads(events, HostSkipped.class)).singleElement()
                .satisfies(s -> assertThat(s.skippedBy()).isEqualTo("alice"));
    }

    /**
     * Issue 11: a runner that does not answer and a registry that does not confirm are Staypuft's own faults. The
     * hosts wait (the run says for what and since when), nothing fails, and the run completes by itself when the
     * parts answer again.
     */
    @Test
    void hostsWaitForASilentRunnerAndAnUnconfirmingRegistryAndTheRunCompletesWhenTheyAnswer() {
        String silent = host("waits");
        String unconfirmed = host("waits");
        responder.script(silent).silent = true;
        responder.script(unconfirmed).ignoreConfiguration = true;
        Api.awaitHostsKnown(List.of(silent, unconfirmed));
        String id = Api.createDeployment(deployment(Specs.unique("waits"), List.of(
                role("waits", List.of(), List.of(silent, unconfirmed), "timeouts",
                        Map.of("puppetRunSeconds", 10)))));

        String runId = Api.startRun(id);

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Api.run(runId)
                .body("run.status", equalTo("RUNNING"))
                .body("run.counts.failed", equalTo(0))
                .body("waitingFor.part", org.hamcrest.Matchers.hasItems(
                        "puppet-runner (the run is queued, not started on the host)",
                        "host-registry (to confirm the discovery environment)"))
                .body("waitingFor.since", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.notNullValue())));
        Api.runHosts(runId)
                .body("hosts.find { it.hostId == '" + silent + "' }.status", equalTo("RUNNING"))
                .body("hosts.find { it.hostId == '" + silent + "' }.waitingFor", startsWith("puppet-runner"))
                .body("hosts.find { it.hostId == '" + unconfirmed + "' }.waitingFor", startsWith("host-registry"));

        responder.script(silent).silent = false;
        responder.script(unconfirmed).ignoreConfiguration = false;

        Api.awaitRun(runId, "COMPLETED", Duration.ofSeconds(60)).body("run.counts.deployed", equalTo(2))
                .body("run.counts.failed", equalTo(0)).body("waitingFor", org.hamcrest.Matchers.empty());
        List<EventEnvelope> events = DeploymentEvents.all(KAFKA, Topics.DEPLOYMENT_EVENTS, id);
        assertThat(DeploymentEvents.payloads(events, HostFailed.class)).isEmpty();
        assertThat(responder.received(silent, RunPurpose.PREPARE)).hasSize(1); // sent again, same request id, run once
    }

    /** Issue 11: a run that could not get its catalog is its own outcome, asked again with back-off. */
    @Test
    void aRunWithoutItsCatalogIsAskedAgainAndNamedCatalogUnavailable() {
        String host = host("nocatalog");
        responder.script(host).catalogUnavailableRuns.set(2);
        Api.awaitHostsKnown(List.of(host));
        String id = Api.createDeployment(deployment(Specs.unique("nocatalog"),
                List.of(role("nocatalog", List.of(), List.of(host)))));

        String runId = Api.startRun(id);

        Api.awaitRun(runId, "COMPLETED", Duration.ofSeconds(60)).body("run.counts.deployed", equalTo(1))
                .body("run.counts.failed", equalTo(0));
        Api.as(Api.VIEWER).get("/api/v1/runs/" + runId + "/hosts/" + host).then().statusCode(200)
                .body("requests.findAll { it.outcome == 'CATALOG_UNAVAILABLE' }.size()", equalTo(2))
                .body("host.waitingFor", org.hamcrest.Matchers.nullValue());
        assertThat(responder.received(host, RunPurpose.DEPLOY)).hasSize(3);
    }

    @Test
    void aCompletionDeliveredTwiceAdvancesNothingTwice() {
        String host = host("twice");
        responder.script(host).duplicateCompletions = true;
        Api.awaitHostsKnown(List.of(host));
        String id = Api.createDeployment(deployment(Specs.unique("twice"),
                List.of(role("twice", List.of(), List.of(host), "puppetRuns", 2))));

        String runId = Api.startRun(id);

        Api.awaitRun(runId, "COMPLETED", Duration.ofSeconds(30)).body("run.counts.deployed", equalTo(1))
                .body("roles[0].succeeded", equalTo(1));
        Api.runHosts(runId).body("hosts[0].deployRunsDone", equalTo(2));
        assertThat(responder.received(host)).extracting(Received::stepId).containsExactly(
                runId + "/" + host + "/prepare/1", runId + "/" + host + "/deploy-1/1",
                runId + "/" + host + "/deploy-2/1", runId + "/" + host + "/enable-agent/1");
        Api.as(Api.VIEWER).get("/api/v1/runs/" + runId + "/hosts/" + host).then().statusCode(200)
                .body("requests.size()", equalTo(4));
        List<EventEnvelope> events = DeploymentEvents.of(KAFKA, Topics.DEPLOYMENT_EVENTS, id,
                e -> e.payload() instanceof DeploymentCompleted, 1);
        events = DeploymentEvents.all(KAFKA, Topics.DEPLOYMENT_EVENTS, id);
        assertThat(DeploymentEvents.payloads(events, HostDeployed.class)).hasSize(1);
        assertThat(DeploymentEvents.payloads(events, AgentEnabled.class)).hasSize(1);
        assertThat(DeploymentEvents.payloads(events, DeploymentCompleted.class)).hasSize(1);
    }

    @Test
    void aRunTheRunnersCrashInterruptedIsRequestedAgainAndTheRunCompletes() {
        String host = host("interrupted");
        responder.script(host).interruptedDeployRuns.set(1);
        Api.awaitHostsKnown(List.of(host));
        String id = Api.createDeployment(deployment(Specs.unique("interrupted"),
                List.of(role("interrupted", List.of(), List.of(host)))));

        String runId = Api.startRun(id);

        Api.awaitRun(runId, "COMPLETED", Duration.ofSeconds(30)).body("run.counts.deployed", equalTo(1));
        assertThat(responder.received(host)).extracting(Received::stepId).containsExactly(
                runId + "/" + host + "/prepare/1", runId + "/" + host + "/deploy-1/1",
                runId + "/" + host + "/deploy-1/1", runId + "/" + host + "/enable-agent/1");
        assertThat(responder.received(host, RunPurpose.DEPLOY)).extracting(Received::requestId).doesNotHaveDuplicates();
    }

    @Test
    void aRunTheRunnerGotToAfterItsStartLimitIsRequestedAgainAndNeverFailsItsHost() {
        String host = host("expired");
        responder.script(host).expireOnce.addAll(Set.of(RunPurpose.DEPLOY, RunPurpose.ENABLE_AGENT));
        Api.awaitHostsKnown(List.of(host));
        String id = Api.createDeployment(deployment(Specs.unique("expired"),
                List.of(role("expired", List.of(), List.of(host)))));

        String runId = Api.startRun(id);

        Api.awaitRun(runId, "COMPLETED", Duration.ofSeconds(30)).body("run.counts.deployed", equalTo(1))
                .body("run.counts.failed", equalTo(0));
        assertThat(responder.answered()).filteredOn(a -> a.hostId().equals(host))
                .extracting(a -> a.purpose(), a -> a.outcome()).containsExactly(
                        tuple(RunPurpose.PREPARE, "UNCHANGED"),
                        tuple(RunPurpose.DEPLOY, "EXPIRED"), tuple(RunPurpose.DEPLOY, "CHANGED"),
                        tuple(RunPurpose.ENABLE_AGENT, "EXPIRED"), tuple(RunPurpose.ENABLE_AGENT, "CHANGED"));
        // Every request carries its start limit: about the configured queue limit after it was sent.
        assertThat(responder.received(host)).allSatisfy(r -> assertThat(Instant.parse(r.notAfter()))
                .isBetween(r.at().plus(Duration.ofMinutes(14)), r.at().plus(Duration.ofMinutes(16))));
        assertThat(responder.received(host, RunPurpose.DEPLOY)).extracting(Received::requestId).doesNotHaveDuplicates()
                .hasSize(2);
    }

    private String host(String role) {
        String host = Hosts.newId(role);
        Hosts.registered(KAFKA, host);
        responder.script(host, role);
        return host;
    }

    /**
     * Issue 11: the orchestrator's database goes away (connections refused and cut, for real) while a discovered
     * host installs; its provisioning deadline passes meanwhile and its built callback is held up until after the
     * database is back. That deadline is the outage's doing: the step waits for "database" instead of failing the
     * host, and the run completes once the callback arrives.
     */
    @Test
    void aDeadlineThatPassedWhileTheDatabaseWasAwayWaitsForTheDatabaseAndTheHostIsNotFailed() throws Exception {
        String host = Hosts.newId("dbout");
        Hosts.discovered(KAFKA, host);
        PuppetSideResponder.Script script = responder.script(host, "installer");
        CompletableFuture<Void> callback = new CompletableFuture<>();
        script.holdBuilt = callback;
        Api.awaitHostsKnown(List.of(host));
        String id = Api.createDeployment(deployment(Specs.unique("dbout"),
                List.of(role("installer", List.of(), List.of(host)))));
        String runId = Api.startRun(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> rebootAcknowledged(runId, host));
        // The API's shortest provisioning timeout is a minute: let this one pass while the database is away.
        sql("UPDATE host_step SET deadline_at = now() + interval '2 seconds' WHERE run_id = '" + runId
                + "' AND host_id = '" + host + "'");

        try (DatabaseOutage outage = DatabaseOutage.begin(config("quarkus.datasource.jdbc.url"),
                config("quarkus.datasource.username"), config("quarkus.datasource.password"))) {
            Thread.sleep(5_000); // the deadline passes; the scanner's ticks (every second) cannot read
        }

        // The first requests after the outage may meet a pooled connection the outage closed (a 500, then a new one).
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> Api.run(runId)
                        .extract().<List<String>>path("waitingFor.part").stream()
                        .anyMatch(p -> p.startsWith("database (")));
        Api.runHosts(runId).body("hosts.find { it.hostId == '" + host + "' }.waitingFor",
                startsWith("database (unreachable from "));
        callback.complete(null);
        Api.awaitRun(runId, "COMPLETED", Duration.ofSeconds(60)).body("run.counts.failed", equalTo(0))
                .body("run.counts.deployed", equalTo(1));
        List<EventEnvelope> events = DeploymentEvents.all(KAFKA, Topics.DEPLOYMENT_EVENTS, id);
        assertThat(DeploymentEvents.payloads(events, HostFailed.class)).isEmpty();
        assertThat(DeploymentEvents.payloads(events, RunWaiting.class)).extracting(RunWaiting::part)
                .contains("database");
        assertThat(DeploymentEvents.payloads(events, RunWaitEnded.class)).extracting(RunWaitEnded::part)
                .contains("database");
    }

    private boolean rebootAcknowledged(String runId, String host) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                ResultSet row = connection.createStatement().executeQuery("SELECT reboot_done FROM host_step"
                        + " WHERE run_id = '" + runId + "' AND host_id = '" + host + "'")) {
            return row.next() && row.getBoolean(1);
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.createStatement().executeUpdate(statement)).isOne();
        }
    }

    private static String config(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }

}
