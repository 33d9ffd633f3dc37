package org.staypuft.runner.request;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.staypuft.events.puppet.PuppetRunCompleted;
import org.staypuft.events.puppet.PuppetRunStarted;
import org.staypuft.events.puppet.RequestPuppetRun;
import org.staypuft.events.puppet.RunOutcome;
import org.staypuft.runner.config.RunnerConfig;
import org.staypuft.runner.support.RunnerTestKit;
import org.staypuft.simulator.SimulatedHost;
import org.staypuft.simulator.puppet.AgentRunRecord;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.staypuft.runner.support.RunnerTestKit.runOn;

/**
 * The runner's queue is bounded: with {@code queue-capacity} runs held, the next commands stay in Kafka (no row, no
 * run) until one finishes, and then all of them run. (Runs with the module's own test profile: a second Quarkus
 * start in this JVM cannot load the proxy key, so the capacity is the profile's.)
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class QueueCapacityTest {

    private final RunnerTestKit kit = RunnerTestKit.get();

    @Inject
    RunnerRequestRepository requests;

    @Inject
    MeterRegistry meters;

    @Inject
    RunnerConfig config;

    @Test
    void withTheQueueFullFurtherCommandsStayInKafkaUntilARunFinishes() {
        // The test profile: 50 SSH sessions, 80 requests held; two more than that are sent.
        int capacity = config.queueCapacity();
        int sessions = config.ssh().maxSessions();
        List<SimulatedHost> hosts = IntStream.range(0, capacity + 2).mapToObj(i -> kit.host("compute")).toList();
        hosts.forEach(host -> host.setRunDuration(Duration.ofSeconds(15)));
        List<RequestPuppetRun> runs = hosts.stream().map(host -> runOn(host, "production")).toList();

        runs.forEach(kit::send);

        await().atMost(Duration.ofMinutes(1)).until(() -> startedCount(runs) >= sessions);
        // The first runs take 15 s; meanwhile the runner holds its capacity (running + queued for a session) and
        // the last two commands are still in Kafka: no row, no answer, nothing on their hosts.
        await().atMost(Duration.ofSeconds(30)).until(() -> runs.stream().filter(this::rowOf).count() >= capacity);
        List<RequestPuppetRun> held = runs.stream().filter(this::rowOf).toList();
        assertThat(held).hasSize(capacity);
        assertThat(meters.get("staypuft.runner.requests.held").gauge().value()).isEqualTo(capacity);
        assertThat(runs.stream().filter(run -> !held.contains(run)))
                .hasSize(2).allSatisfy(run -> assertThat(kit.resultsFor(run.requestId())).isEmpty());
        assertThat(runs).as("no run had finished yet when this was checked").allSatisfy(
                run -> assertThat(kit.resultsFor(run.requestId(), PuppetRunCompleted.class)).isEmpty());

        runs.forEach(run -> assertThat(kit.awaitCompletion(run.requestId(), Duration.ofMinutes(2)).outcome())
                .isEqualTo(RunOutcome.CHANGED));
        assertThat(maxOverlapping(hosts)).isLessThanOrEqualTo(sessions);
        assertThat(hosts).allSatisfy(host -> assertThat(host.puppetRuns()).isOne());
    }

    private long startedCount(List<RequestPuppetRun> runs) {
        return runs.stream().filter(run -> !kit.resultsFor(run.requestId(), PuppetRunStarted.class).isEmpty())
                .count();
    }

    private boolean rowOf(RequestPuppetRun run) {
        return QuarkusTransaction.requiringNew()
                .call(() -> requests.find(RequestKind.PUPPET_RUN, run.requestId()).isPresent());
    }

    /** The most runs that were on their hosts at the same moment. */
    private static int maxOverlapping(List<SimulatedHost> hosts) {
        List<long[]> edges = new ArrayList<>();
        for (SimulatedHost host : hosts) {
            for (AgentRunRecord record : host.agent().runHistory()) {
                edges.add(new long[]{record.startedAt().toEpochMilli(), 1});
                edges.add(new long[]{record.finishedAt().toEpochMilli(), -1});
            }
        }
        edges.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        int now = 0;
        int max = 0;
        for (long[] edge : edges) {
            now += (int) edge[1];
            max = Math.max(max, now);
        }
        return max;
    }
}
