package org.staypuft.orchestrator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.staypuft.events.puppet.RunPurpose;
import org.staypuft.orchestrator.testing.Api;
import org.staypuft.orchestrator.testing.Hosts;
import org.staypuft.orchestrator.testing.PuppetSideResponder;
import org.staypuft.orchestrator.testing.PuppetSideResponder.Received;
import org.staypuft.orchestrator.testing.Specs;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.ServiceProcess;

import io.restassured.RestAssured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.staypuft.orchestrator.testing.Specs.deployment;
import static org.staypuft.orchestrator.testing.Specs.role;

/**
 * The packaged orchestrator ({@code target/quarkus-app/quarkus-run.jar}) as its own process against the test JVM's
 * broker and database: killed with SIGKILL twice in the middle of a 20-host run, restarted each time, and the run
 * completes with every host step's command executed exactly once.
 */
class OrchestratorCrashIT {

    private static final Path JAR = Path.of(System.getProperty("staypuft.orchestrator.runner",
            "target/quarkus-app/quarkus-run.jar"));

    private ServiceProcess orchestrator;
    private PuppetSideResponder responder;

    @AfterEach
    void stop() {
        if (orchestrator != null) {
            orchestrator.close();
        }
        if (responder != null) {
            responder.close();
        }
    }

    @Test
    void killedTwiceMidRunTheRunCompletesWithEveryStepExecutedOnce() throws Exception {
        assertThat(JAR).as("run quarkus:build (mvn package) first").exists();
        KafkaTestClient kafka = KafkaTestClient.ofTestBroker();
        responder = new PuppetSideResponder(KafkaTestResource.startBroker());

        List<String> databaseHosts = new ArrayList<>();
        List<String> appHosts = new ArrayList<>();
        List<String> webHosts = new ArrayList<>();
        Set<String> hosts = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            String roleName = i < 4 ? "database" : i < 16 ? "app" : "web";
            String host = Hosts.newId("crash" + i);
            Hosts.registered(kafka, host);
            responder.script(host, roleName).delay = Duration.ofMillis(700);
            (i < 4 ? databaseHosts : i < 16 ? appHosts : webHosts).add(host);
            hosts.add(host);
        }

        orchestrator = ServiceProcess.startJar(JAR, "orchestrator", Map.of(
                // A killed consumer holds its partitions until its session expires: keep that short here.
                "mp.messaging.incoming.host-events.session.timeout.ms", "6000",
                "mp.messaging.incoming.puppet-results.session.timeout.ms", "6000",
                "staypuft.orchestrator.deadlines.scan-interval", "1s"));
        RestAssured.port = orchestrator.port();
        Api.awaitHostsKnown(hosts);
        String id = Api.createDeployment(deployment(Specs.unique("crash"), List.of(
                role("database", List.of(), databaseHosts, "maxConcurrent", 2, "puppetRuns", 2),
                role("app", List.of("database"), appHosts, "maxConcurrent", 4),
                role("web", List.of("app"), webHosts, "mode", "leader", "maxConcurrent", 3))));
        String runId = Api.startRun(id);

        killWhileRequestsAreOutstanding(hosts, 12);
        orchestrator.restart();
        killWhileRequestsAreOutstanding(hosts, 40);
        orchestrator.restart();

        Api.awaitRun(runId, "COMPLETED", Duration.ofSeconds(180)).body("run.counts.deployed", equalTo(20))
                .body("run.counts.failed", equalTo(0));
        Map<String, Set<String>> requestIdsPerStep = responder.requestIdsPerStep(hosts);
        assertThat(requestIdsPerStep).allSatisfy((step, requestIds) -> assertThat(requestIds)
                .as("request ids of step %s", step).hasSize(1));
        // prepare + 2 deploy runs + enable-agent for the database hosts, prepare + 1 + enable-agent for the others
        assertThat(requestIdsPerStep).hasSize(4 * 4 + 16 * 3);
        for (String host : hosts) {
            assertThat(firstTimeRequests(host)).extracting(Received::purpose).containsExactlyElementsOf(
                    databaseHosts.contains(host)
                            ? List.of(RunPurpose.PREPARE, RunPurpose.DEPLOY, RunPurpose.DEPLOY, RunPurpose.ENABLE_AGENT)
                            : List.of(RunPurpose.PREPARE, RunPurpose.DEPLOY, RunPurpose.ENABLE_AGENT));
        }
        assertThat(responder.duplicates(hosts)).as("requests re-sent with their request id after a restart")
                .isPositive();
    }

    /** Waits until some requests were answered and others are still outstanding, then kills -9. */
    private void killWhileRequestsAreOutstanding(Set<String> hosts, int afterRequests) throws InterruptedException {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() -> {
            long received = responder.received().stream()
                    .filter(r -> hosts.contains(r.hostId()) && !r.duplicate()).count();
            long answered = responder.answered().stream().filter(a -> hosts.contains(a.hostId())).count();
            return received >= afterRequests && received > answered;
        });
        assertThat(orchestrator.kill()).as("killed by SIGKILL").isEqualTo(ServiceProcess.SIGKILL_EXIT);
    }

    private List<Received> firstTimeRequests(String host) {
        return responder.received(host).stream().filter(r -> !r.duplicate()).toList();
    }
}
