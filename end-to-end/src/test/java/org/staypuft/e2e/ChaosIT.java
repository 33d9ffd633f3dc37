package org.staypuft.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.staypuft.events.EventCodec;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.Topics;
import org.staypuft.events.deployment.HostDeployed;
import org.staypuft.events.puppet.PuppetRunCompleted;
import org.staypuft.simulator.SimulatedHost;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;
import org.staypuft.testsupport.ServiceProcess;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11's chaos campaign: during each trial's run, a randomly chosen part (the broker, PostgreSQL or a service;
 * {@code -Dstaypuft.chaos.parts=postgresql} narrows the choice) is SIGKILLed at
 * a random moment, sometimes two in a row, and restarted as the supervisor would. Every trial must end COMPLETED
 * without anyone calling retry-failed; every step completed exactly once in the orchestrator's books; repeats on the
 * hosts (a run whose outcome a kill lost, asked again) are counted and reported; every host's HostDeployed is on the
 * topic. A small campaign runs in every {@code verify}; {@code -Pchaos} runs the full one (docs/reliability.md).
 * Results go to {@code target/chaos/results.md}.
 */
class ChaosIT {

    private static final int TRIALS = Integer.getInteger("staypuft.chaos.trials", 2);
    private static final int HOSTS = Integer.getInteger("staypuft.chaos.hosts", 30);
    private static final long SEED = Long.getLong("staypuft.chaos.seed", System.currentTimeMillis());
    private static final List<String> ALL_PARTS = List.of("kafka", "postgresql", "discovery-listener",
            "host-registry", "orchestrator", "puppet-runner");
    /** The parts a trial may kill: all, or those of {@code -Dstaypuft.chaos.parts=postgresql,kafka}. */
    private static final List<String> PARTS = parts(System.getProperty("staypuft.chaos.parts", ""));

    @Test
    @ResourceLock(value = DeploymentScenariosIT.STACK, mode = ResourceAccessMode.READ_WRITE)
    void everyTrialCompletesByItselfWithEveryStepOnceAndNoEventLost() throws Exception {
        Stack stack = Stack.get();
        Operator operator = new Operator(stack);
        Random random = new Random(SEED);
        Path results = Files.createDirectories(Path.of("target", "chaos")).resolve("results.md");
        Files.writeString(results, "| trial | hosts | killed (at s into the run) | repeats on hosts | run took s | "
                + "recovered s after last restart |\n| --- | --- | --- | --- | --- | --- |\n");
        System.out.printf("Chaos campaign: %d trials of %d hosts, seed %d, parts %s%n", TRIALS, HOSTS, SEED, PARTS);
        for (int trial = 1; trial <= TRIALS; trial++) {
            runTrial(stack, operator, random, trial, results);
        }
    }

    private static void runTrial(Stack stack, Operator operator, Random random, int trial, Path results)
            throws Exception {
        String prefix = "chaos" + trial + "-" + Long.toString(SEED % 100_000, 36);
        String token = operator.registrationToken();
        int baseCount = Math.max(1, HOSTS / 3);
        List<SimulatedHost> base = new ArrayList<>();
        List<SimulatedHost> app = new ArrayList<>();
        for (int i = 1; i <= HOSTS; i++) {
            SimulatedHost host = stack.addHost(prefix + "-" + i, i <= baseCount ? "database" : "controller", true);
            host.setRunDuration(Duration.ofMillis(800));
            host.registerAt(URI.create(stack.listener.url()), token);
            (i <= baseCount ? base : app).add(host);
        }
        Deployment deployment = new Deployment(prefix)
                .role("base", List.of(), "quickstack::db::mariadb", 1, base)
                .role("app", List.of("base"), "quickstack::controller", 1, app);
        operator.awaitKnownToOrchestrator(deployment.hosts().stream().map(h -> h.announcement().hostId()).toList());
        String deploymentId = operator.createDeployment(deployment.spec());
        Instant start = Instant.now();
        String runId = operator.deploy(deploymentId);

        List<String> killed = new ArrayList<>();
        Instant lastRestart = start;
        int kills = random.nextInt(4) == 0 ? 2 : 1;
        for (int k = 0; k < kills; k++) {
            Thread.sleep(2_000 + random.nextInt(10_000));
            String part = PARTS.get(random.nextInt(PARTS.size()));
            long at = Duration.between(start, Instant.now()).toSeconds();
            kill(stack, part);
            killed.add(part + " (" + at + ")");
            System.out.printf("Chaos trial %d: SIGKILLed %s %d s into the run%n", trial, part, at);
            Thread.sleep(1_000 + random.nextInt(8_000));
            restart(stack, part);
            lastRestart = Instant.now();
        }

        JsonNode run = operator.awaitEnded(runId, Duration.ofMinutes(10));
        Instant end = Instant.now();
        assertThat(run.path("run").path("status").asText()).as("trial %d (%s): %s", trial, killed, run)
                .isEqualTo("COMPLETED");
        assertThat(run.path("run").path("counts").path("deployed").asInt()).isEqualTo(HOSTS);
        int repeats = 0;
        for (SimulatedHost host : deployment.hosts()) {
            assertEachStepCompletedOnce(operator, runId, host);
            int expected = 1 + 1 + 1; // prepare, one deploy run, enable-agent
            int ran = Deployment.finished(host).size();
            assertThat(ran).as("finished runs on %s", host).isGreaterThanOrEqualTo(expected);
            repeats += ran - expected;
        }
        assertEveryHostDeployedOnTheTopic(deploymentId, deployment);
        String line = String.format("| %d | %d | %s | %d | %d | %d |%n", trial, HOSTS, String.join(", ", killed),
                repeats, Duration.between(start, end).toSeconds(), Duration.between(lastRestart, end).toSeconds());
        Files.writeString(results, line, StandardOpenOption.APPEND);
        System.out.print("Chaos " + line);
    }

    private static List<String> parts(String chosen) {
        if (chosen.isBlank()) {
            return ALL_PARTS;
        }
        List<String> parts = List.of(chosen.trim().split("\\s*,\\s*"));
        assertThat(ALL_PARTS).as("-Dstaypuft.chaos.parts").containsAll(parts);
        return parts;
    }

    private static void kill(Stack stack, String part) throws InterruptedException {
        int exit = switch (part) {
            case "kafka" -> KafkaTestResource.brokerProcess().kill();
            case "postgresql" -> PostgresTestResource.serverProcess().kill();
            default -> service(stack, part).kill();
        };
        assertThat(exit).as("%s ended by SIGKILL", part).isEqualTo(ServiceProcess.SIGKILL_EXIT);
    }

    private static void restart(Stack stack, String part) throws IOException, InterruptedException {
        switch (part) {
            case "kafka" -> KafkaTestResource.brokerProcess().restart();
            case "postgresql" -> PostgresTestResource.serverProcess().restart();
            default -> service(stack, part).restart();
        }
    }

    private static ServiceProcess service(Stack stack, String part) {
        return switch (part) {
            case "discovery-listener" -> stack.listener;
            case "host-registry" -> stack.registry;
            case "orchestrator" -> stack.orchestrator;
            case "puppet-runner" -> stack.runner;
            default -> throw new IllegalArgumentException(part);
        };
    }

    /** In the orchestrator's books: one successful answer per step; the others say why they were asked again. */
    private static void assertEachStepCompletedOnce(Operator operator, String runId, SimulatedHost host) {
        Map<String, List<JsonNode>> byStep = new TreeMap<>();
        operator.runHost(runId, host.announcement().hostId()).path("requests")
                .forEach(request -> byStep.computeIfAbsent(request.path("stepId").asText(),
                        step -> new ArrayList<>()).add(request));
        for (Map.Entry<String, List<JsonNode>> step : byStep.entrySet()) {
            long succeeded = step.getValue().stream().filter(answer -> {
                String outcome = answer.path("outcome").asText();
                return !answer.path("reason").asText().startsWith(PuppetRunCompleted.INTERRUPTED_REASON_PREFIX)
                        && !"CATALOG_UNAVAILABLE".equals(outcome);
            }).count();
            assertThat(succeeded).as("successful answers of step %s: %s", step.getKey(), step.getValue())
                    .isEqualTo(1);
        }
    }

    /** No event lost: every host's HostDeployed is on the deployment events topic. */
    private static void assertEveryHostDeployedOnTheTopic(String deploymentId, Deployment deployment) {
        Set<String> expected = new HashSet<>();
        deployment.hosts().forEach(host -> expected.add(host.announcement().hostId()));
        Map<String, Integer> deployed = new LinkedHashMap<>();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    deployed.clear();
                    for (ConsumerRecord<String, byte[]> record : KafkaTestClient.ofTestBroker()
                            .readAll(Topics.DEPLOYMENT_EVENTS)) {
                        if (deploymentId.equals(EventCodec.header(record.headers(), "ce_deploymentid"))) {
                            EventCodec.decode(record).map(EventEnvelope::payload).filter(HostDeployed.class::isInstance)
                                    .map(HostDeployed.class::cast)
                                    .ifPresent(event -> deployed.merge(event.hostId(), 1, Integer::sum));
                        }
                    }
                    return deployed.keySet().containsAll(expected);
                });
        assertThat(deployed.keySet()).as("hosts with a HostDeployed event").containsExactlyInAnyOrderElementsOf(
                expected);
    }
}
