package org.staypuft.orchestrator.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.Topics;
import org.staypuft.events.deployment.DeploymentCompleted;
import org.staypuft.events.deployment.RoleReady;
import org.staypuft.events.deployment.RoleStarted;
import org.staypuft.events.puppet.RunPurpose;
import org.staypuft.orchestrator.testing.Api;
import org.staypuft.orchestrator.testing.DeploymentEvents;
import org.staypuft.orchestrator.testing.Hosts;
import org.staypuft.orchestrator.testing.PuppetSideResponder;
import org.staypuft.orchestrator.testing.PuppetSideResponder.Received;
import org.staypuft.orchestrator.testing.SharedResponder;
import org.staypuft.orchestrator.testing.Specs;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.staypuft.orchestrator.testing.Specs.deployment;
import static org.staypuft.orchestrator.testing.Specs.role;

/** Roles run in dependency order, independent branches in parallel; each mode keeps its concurrency. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class RunOrderingTest {

    private static final KafkaTestClient KAFKA = KafkaTestClient.ofTestBroker();
    private final PuppetSideResponder responder = SharedResponder.get();

    @Test
    void dependentsStartAfterTheirDependenciesAreReadyAndIndependentRolesRunAlongside() {
        Map<String, List<String>> hostsByRole = hosts(Map.of("database", 2, "controller", 2, "compute", 2,
                "network", 1, "storage", 2));
        hostsByRole.get("database").forEach(h -> responder.script(h).delay = Duration.ofMillis(700));
        String id = Api.createDeployment(deployment(Specs.unique("graph"), List.of(
                role("database", List.of(), hostsByRole.get("database")),
                role("controller", List.of("database"), hostsByRole.get("controller")),
                role("compute", List.of("controller"), hostsByRole.get("compute")),
                role("network", List.of("controller"), hostsByRole.get("network")),
                role("storage", List.of(), hostsByRole.get("storage")))));

        String runId = Api.startRun(id);

        Api.awaitRun(runId, "COMPLETED", Duration.ofSeconds(60)).body("run.counts.deployed", equalTo(9))
                .body("roles.findAll { it.status == 'READY' }.size()", equalTo(5));
        DeploymentEvents.of(KAFKA, Topics.DEPLOYMENT_EVENTS, id, e -> e.payload() instanceof DeploymentCompleted, 1);
        List<EventEnvelope> events = DeploymentEvents.all(KAFKA, Topics.DEPLOYMENT_EVENTS, id);
        List<String> order = events.stream().map(RunOrderingTest::roleMilestone).filter(s -> !s.isEmpty()).toList();
        assertThat(order.indexOf("started:database")).isLessThan(order.indexOf("ready:database"));
        assertThat(order.indexOf("started:storage")).isLessThan(order.indexOf("ready:database"));
        assertThat(order.indexOf("ready:database")).isLessThan(order.indexOf("started:controller"));
        assertThat(order.indexOf("ready:controller")).isLessThan(order.indexOf("started:compute"))
                .isLessThan(order.indexOf("started:network"));
        assertThat(time(events, RoleReady.class, "controller")).isBefore(time(events, RoleStarted.class, "compute"));

        // From the puppet side: no compute or network run was requested before the last controller run answered,
        // and storage ran while database still ran.
        Instant lastControllerAnswer = lastAnswer(hostsByRole.get("controller"), RunPurpose.DEPLOY);
        for (String role : List.of("compute", "network")) {
            assertThat(firstRequest(hostsByRole.get(role), RunPurpose.DEPLOY)).isAfter(lastControllerAnswer);
        }
        assertThat(firstRequest(hostsByRole.get("storage"), RunPurpose.DEPLOY))
                .isBefore(lastAnswer(hostsByRole.get("database"), RunPurpose.DEPLOY));
        assertThat(firstRequest(hostsByRole.get("controller"), RunPurpose.DEPLOY))
                .isAfter(lastAnswer(hostsByRole.get("database"), RunPurpose.DEPLOY));
        // Agents are re-enabled only when every role is ready.
        Instant lastDeployAnswer = lastAnswer(hostsByRole.values().stream().flatMap(List::stream).toList(),
                RunPurpose.DEPLOY);
        assertThat(firstRequest(hostsByRole.values().stream().flatMap(List::stream).toList(),
                RunPurpose.ENABLE_AGENT)).isAfter(lastDeployAnswer);
    }

    @Test
    void concurrencyCapSerialAndLeaderModesAreHonoured() {
        Map<String, List<String>> hostsByRole = hosts(Map.of("capped", 5, "serial", 3, "leader", 4));
        hostsByRole.values().stream().flatMap(List::stream)
                .forEach(h -> responder.script(h).delay = Duration.ofMillis(400));
        responder.script(hostsByRole.get("leader").get(2)).failedResourcesOnRun = 1; // earlier runs may fail
        String id = Api.createDeployment(deployment(Specs.unique("modes"), List.of(
                role("capped", List.of(), hostsByRole.get("capped"), "maxConcurrent", 2),
                role("serial", List.of(), hostsByRole.get("serial"), "mode", "serial"),
                role("leader", List.of(), hostsByRole.get("leader"), "mode", "leader", "maxConcurrent", 3,
                        "puppetRuns", 2))));

        String runId = Api.startRun(id);

        Api.awaitRun(runId, "COMPLETED", Duration.ofSeconds(60)).body("run.counts.deployed", equalTo(12));
        assertThat(responder.maxOutstandingDeploys("capped")).isEqualTo(2);
        assertThat(responder.maxOutstandingDeploys("serial")).isEqualTo(1);
        assertThat(responder.maxOutstandingDeploys("leader")).isEqualTo(3);

        // The leader (the first host ready) ran both its runs alone; the others started after its last answer.
        List<Received> leaderDeploys = deploys(hostsByRole.get("leader"));
        String leader = leaderDeploys.get(0).hostId();
        assertThat(leaderDeploys.get(1).hostId()).isEqualTo(leader);
        Instant leaderDone = lastAnswer(List.of(leader), RunPurpose.DEPLOY);
        assertThat(leaderDeploys.subList(2, leaderDeploys.size())).allSatisfy(r -> assertThat(r.at())
                .isAfter(leaderDone));
        assertThat(leaderDeploys).hasSize(8).extracting(Received::deployRun).containsOnly(1, 2);
        assertThat(deploys(hostsByRole.get("serial"))).extracting(Received::hostId)
                .containsExactlyInAnyOrderElementsOf(hostsByRole.get("serial"));
    }

    private static String roleMilestone(EventEnvelope event) {
        if (event.payload() instanceof RoleStarted started) {
            return "started:" + started.role();
        }
        if (event.payload() instanceof RoleReady ready) {
            return "ready:" + ready.role();
        }
        return "";
    }

    private Map<String, List<String>> hosts(Map<String, Integer> countByRole) {
        Map<String, List<String>> byRole = new java.util.TreeMap<>();
        countByRole.forEach((role, count) -> {
            List<String> hosts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String host = Hosts.newId(role);
                Hosts.registered(KAFKA, host);
                responder.script(host, role);
                hosts.add(host);
            }
            byRole.put(role, hosts);
        });
        Api.awaitHostsKnown(byRole.values().stream().flatMap(List::stream).toList());
        return byRole;
    }

    private List<Received> deploys(List<String> hosts) {
        Set<String> ids = Set.copyOf(hosts);
        return responder.received().stream()
                .filter(r -> ids.contains(r.hostId()) && r.purpose() == RunPurpose.DEPLOY && !r.duplicate())
                .sorted(Comparator.comparing(Received::at)).toList();
    }

    private Instant firstRequest(List<String> hosts, RunPurpose purpose) {
        Set<String> ids = Set.copyOf(hosts);
        return responder.received().stream().filter(r -> ids.contains(r.hostId()) && r.purpose() == purpose)
                .map(Received::at).min(Comparator.naturalOrder()).orElseThrow();
    }

    private Instant lastAnswer(List<String> hosts, RunPurpose purpose) {
        Set<String> ids = Set.copyOf(hosts);
        return responder.answered().stream().filter(a -> ids.contains(a.hostId()) && a.purpose() == purpose)
                .map(PuppetSideResponder.Answered::at).max(Comparator.naturalOrder()).orElseThrow();
    }

    private static Instant time(List<EventEnvelope> events, Class<?> type, String role) {
        return events.stream().filter(e -> type.isInstance(e.payload()))
                .filter(e -> role.equals(e.payload() instanceof RoleReady r
                        ? r.role()
                        : ((RoleStarted) e.payload()).role()))
                .map(e -> e.time().toInstant()).findFirst().orElseThrow();
    }
}
