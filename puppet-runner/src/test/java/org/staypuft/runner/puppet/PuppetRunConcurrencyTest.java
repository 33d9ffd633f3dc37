package org.staypuft.runner.puppet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.staypuft.events.puppet.PuppetRunCompleted;
import org.staypuft.events.puppet.RequestPuppetRun;
import org.staypuft.events.puppet.RunOutcome;
import org.staypuft.runner.support.RunnerTestKit;
import org.staypuft.simulator.HostSimulator;
import org.staypuft.simulator.HostSpec;
import org.staypuft.simulator.SimulatedHost;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.staypuft.runner.support.RunnerTestKit.runOn;

/**
 * 500 requests with the session limit at 50 (test profile): all complete, and the hosts (which count sessions
 * themselves) never see more than 50 at once, nor two runs on one host.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class PuppetRunConcurrencyTest {

    private static final int HOSTS = 250;
    private static final int RUNS_PER_HOST = 2;
    private static final int SESSION_LIMIT = 50;

    private final RunnerTestKit kit = RunnerTestKit.get();

    @Inject
    EntityManager entityManager;
    /** Its own simulator, so that its session count sees only this test. */
    private final HostSimulator simulator = HostSimulator.start();

    @AfterEach
    void stop() {
        simulator.close();
    }

    private long lastProgress;

    /** Every 10 s of waiting: how far it got, for the log of a slow or stuck run. */
    private void progress(List<RequestPuppetRun> requests) {
        if (System.nanoTime() - lastProgress < 10_000_000_000L) {
            return;
        }
        lastProgress = System.nanoTime();
        long done = requests.stream()
                .filter(request -> !kit.resultsFor(request.requestId(), PuppetRunCompleted.class).isEmpty()).count();
        System.out.printf("load test: %d/%d completed, %d sessions so far (%d open, max %d), %d puppet runs, "
                + "requests by state %s, outbox %s%n", done, requests.size(), simulator.sessions().total(),
                simulator.sessions().open(), simulator.sessions().maxOpen(),
                simulator.hosts().stream().mapToInt(SimulatedHost::puppetRuns).sum(),
                QuarkusTransaction.requiringNew().call(() -> entityManager
                        .createNativeQuery("SELECT state || '=' || count(*) FROM runner_request GROUP BY state")
                        .getResultList()),
                QuarkusTransaction.requiringNew().call(() -> entityManager
                        .createNativeQuery("SELECT count(*) FROM outbox_event").getSingleResult()));
    }

    @Test
    void fiveHundredRunsNeverExceedTheSessionLimit() {
        List<SimulatedHost> hosts = simulator.addHosts(HOSTS, i -> HostSpec.named("load-" + i).role("compute")
                .runDuration(Duration.ofSeconds(1)).authorizedKey(kit.runnerKey()).build());
        List<RequestPuppetRun> requests = new ArrayList<>();
        for (int round = 0; round < RUNS_PER_HOST; round++) {
            hosts.forEach(host -> requests.add(runOn(host, "production")));
        }
        simulator.sessions().reset();

        requests.forEach(kit::send);

        await().atMost(Duration.ofMinutes(2)).alias("all 500 completed")
                .conditionEvaluationListener(condition -> progress(requests)).until(() -> requests.stream()
                        .allMatch(request -> !kit.resultsFor(request.requestId(), PuppetRunCompleted.class).isEmpty()));
        List<PuppetRunCompleted> completed = requests.stream()
                .map(request -> kit.resultsFor(request.requestId(), PuppetRunCompleted.class).get(0)).toList();
        assertThat(completed).extracting(PuppetRunCompleted::outcome)
                .containsOnly(RunOutcome.CHANGED, RunOutcome.UNCHANGED);
        assertThat(completed).filteredOn(run -> run.outcome() == RunOutcome.CHANGED).hasSize(HOSTS);
        // The lower bound shows the sessions really run side by side; it is loose because how many overlap depends
        // on how fast SSH handshakes go on a busy machine (39 of 50 were seen at load average 22).
        assertThat(simulator.sessions().maxOpen()).isLessThanOrEqualTo(SESSION_LIMIT)
                .isGreaterThanOrEqualTo(SESSION_LIMIT / 2);
        assertThat(simulator.sessions().total()).isEqualTo(HOSTS * RUNS_PER_HOST);
        assertThat(hosts).allSatisfy(host -> {
            assertThat(host.puppetRuns()).isEqualTo(RUNS_PER_HOST);
            assertThat(host.agent().refusedRuns()).as("two runs at once on " + host.name()).isZero();
        });
    }
}
