package org.staypuft.runner.puppet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.staypuft.events.puppet.PuppetRunCompleted;
import org.staypuft.events.puppet.RequestPuppetRun;
import org.staypuft.runner.support.RunnerTestKit;
import org.staypuft.simulator.HostSimulator;
import org.staypuft.simulator.HostSpec;
import org.staypuft.simulator.SimulatedHost;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.staypuft.runner.support.RunnerTestKit.runOn;

/**
 * Not a timed test: measures runs per second and per-run overhead for N simulated hosts (default 1000) at a session
 * limit (default 100), through the whole runner (Kafka in, SSH, PostgreSQL, outbox, Kafka out). Run it with
 *
 * <pre>
 * ./mvnw -o -pl puppet-runner verify -Pbenchmark -Dbench.hosts=1000 -Dbench.concurrency=100 -Dbench.run-ms=0
 * </pre>
 *
 * Results are printed and appended to {@code puppet-runner/target/benchmark-results.md}; docs/benchmarks.md has the
 * numbers of record.
 */
@Tag("benchmark")
@QuarkusTest
@TestProfile(PuppetRunBenchmark.Profile.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class PuppetRunBenchmark {

    static final int HOSTS = Integer.getInteger("bench.hosts", 1000);
    static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 100);
    static final int RUN_MILLIS = Integer.getInteger("bench.run-ms", 0);
    static final int WARM_UP = Math.min(200, HOSTS);

    /** The session limit under test. */
    public static class Profile implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("staypuft.runner.ssh.max-sessions", String.valueOf(CONCURRENCY),
                    "quarkus.datasource.jdbc.max-size", String.valueOf(Math.max(30, CONCURRENCY / 2)));
        }
    }

    private final RunnerTestKit kit = RunnerTestKit.get();

    @Inject
    EntityManager entityManager;

    @Test
    void runsPerSecondAndOverheadPerRun() throws IOException {
        try (HostSimulator simulator = HostSimulator.start()) {
            long started = System.nanoTime();
            List<SimulatedHost> hosts = simulator.addHosts(HOSTS, i -> HostSpec.named("bench-" + i).role("controller")
                    .runDuration(Duration.ofMillis(RUN_MILLIS)).authorizedKey(kit.runnerKey()).build());
            double startSeconds = (System.nanoTime() - started) / 1e9;

            round("warm-up", simulator, hosts.subList(0, WARM_UP));
            List<String> lines = new ArrayList<>();
            lines.add(intakeOnly(hosts));
            lines.add(round("first runs (CHANGED, 11 resources)", simulator, hosts));
            lines.add(round("second runs (UNCHANGED)", simulator, hosts));

            String header = String.format("%n%s  %d hosts (started in %.1f s), session limit %d, simulated puppet run "
                    + "%d ms, %d cores, load average %.1f, PostgreSQL commit %.1f ms%n", OffsetDateTime.now(), HOSTS,
                    startSeconds, CONCURRENCY, RUN_MILLIS, Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    commitMillis());
            String table = header + "| round | runs | wall s | runs/s | consumer intake s | attempt ms p50 / p95 / max "
                    + "| slot ms per run | max sessions seen by hosts |\n|---|---|---|---|---|---|---|---|\n"
                    + String.join("\n", lines) + "\n";
            System.out.println(table);
            Files.writeString(Path.of("target/benchmark-results.md"), table, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    /**
     * The consumer alone: requests the runner refuses (an environment puppet would not accept) are recorded and
     * answered without any SSH, so this measures intake, bookkeeping and the outbox.
     */
    private String intakeOnly(List<SimulatedHost> hosts) {
        List<RequestPuppetRun> requests = hosts.stream().map(host -> runOn(host, "Not-An-Environment")).toList();
        long start = System.nanoTime();
        requests.forEach(kit::send);
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> requests.stream().allMatch(request -> kit.completedAtNanos(request.requestId()) != null));
        long end = requests.stream().mapToLong(request -> kit.completedAtNanos(request.requestId())).max()
                .orElseThrow();
        double wall = (end - start) / 1e9;
        return String.format("| refused requests (no SSH: consumer, database, outbox only) | %d | %.1f | %.1f | %.1f "
                + "| - | - | 0 |", hosts.size(), wall, hosts.size() / wall, intakeSeconds(requests));
    }

    private double intakeSeconds(List<RequestPuppetRun> requests) {
        // How long the single consumer took to accept the requests (first to last row written).
        Number intake = QuarkusTransaction.requiringNew().call(() -> (Number) entityManager.createNativeQuery(
                "SELECT extract(epoch FROM max(received_at) - min(received_at)) FROM runner_request "
                        + "WHERE request_id IN (:ids)")
                .setParameter("ids", requests.stream().map(RequestPuppetRun::requestId).toList()).getSingleResult());
        return intake.doubleValue();
    }

    private String round(String name, HostSimulator simulator, List<SimulatedHost> hosts) {
        List<RequestPuppetRun> requests = hosts.stream().map(host -> runOn(host, "production")).toList();
        simulator.sessions().reset();
        long start = System.nanoTime();
        requests.forEach(kit::send);
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> requests.stream().allMatch(request -> kit.completedAtNanos(request.requestId()) != null));
        long end = requests.stream().mapToLong(request -> kit.completedAtNanos(request.requestId())).max()
                .orElseThrow();
        List<PuppetRunCompleted> completed = requests.stream()
                .map(request -> kit.resultsFor(request.requestId(), PuppetRunCompleted.class).get(0)).toList();
        assertThat(completed).allSatisfy(run -> assertThat(run.outcome().succeeded()).as(run.reason()).isTrue());
        long[] attempt = completed.stream().mapToLong(PuppetRunCompleted::durationMillis).sorted().toArray();
        double wall = (end - start) / 1e9;
        double slotMillis = Math.min(CONCURRENCY, hosts.size()) * wall * 1000 / hosts.size();
        return String.format("| %s | %d | %.1f | %.1f | %.1f | %d / %d / %d | %.0f | %d |", name, hosts.size(), wall,
                hosts.size() / wall, intakeSeconds(requests), percentile(attempt, 50), percentile(attempt, 95),
                attempt[attempt.length - 1], slotMillis, simulator.sessions().maxOpen());
    }

    /** What one small write transaction costs on this machine's PostgreSQL: the consumer pays it per request. */
    private double commitMillis() {
        int commits = 100;
        long start = System.nanoTime();
        for (int i = 0; i < commits; i++) {
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                    INSERT INTO pinned_host_key (host_id, public_key, pinned_at) VALUES ('commit-probe', 'x', now())
                    ON CONFLICT (host_id) DO UPDATE SET pinned_at = now()""").executeUpdate());
        }
        return (System.nanoTime() - start) / 1e6 / commits;
    }

    private static long percentile(long[] sorted, int percent) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

}
