package org.staypuft.runner.puppet;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.staypuft.events.puppet.PuppetRunCompleted;
import org.staypuft.events.puppet.PuppetRunStarted;
import org.staypuft.events.puppet.RequestPuppetRun;
import org.staypuft.events.puppet.RunOutcome;
import org.staypuft.runner.request.RequestKind;
import org.staypuft.runner.request.RunnerRequestRepository;
import org.staypuft.runner.support.RunnerTestKit;
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
 * The runner's own database goes away for a moment around a run (issue 11): its bookkeeping is retried, never turned
 * into a host failure. The outage is real: the requests table is renamed away in the test's PostgreSQL, so every
 * statement on it fails with "relation does not exist" until it is back.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class BookkeepingOutageTest {

    private final RunnerTestKit kit = RunnerTestKit.get();

    @Inject
    RunnerRequestRepository requests;

    @Inject
    EntityManager entityManager;

    @Test
    void aDatabaseErrorJustBeforeARunIsRetriedAndTheRunHappensOnce() throws InterruptedException {
        SimulatedHost host = kit.host("compute");
        host.setReachable(false);
        RequestPuppetRun request = runOn(host, "production", List.of(), 60, 60);
        kit.send(request);
        await().until(() -> QuarkusTransaction.requiringNew().call(() -> requests
                .find(RequestKind.PUPPET_RUN, request.requestId()).map(row -> row.attempts() >= 1).orElse(false)));

        long sessionsBefore = kit.simulator().sessions().total();
        tableAway(true);
        try {
            host.setReachable(true);
            // Let the runner log in and fail to record the start at least twice (each login is one attempt).
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (kit.simulator().sessions().total() < sessionsBefore + 2 && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertThat(host.puppetRuns()).as("nothing runs while the start cannot be recorded").isZero();
        } finally {
            tableAway(false);
        }

        PuppetRunCompleted completed = kit.awaitCompletion(request.requestId(), Duration.ofMinutes(1));
        assertThat(completed.outcome()).as(completed.reason()).isEqualTo(RunOutcome.CHANGED);
        assertThat(host.puppetRuns()).isOne();
        assertThat(kit.resultsFor(request.requestId(), PuppetRunStarted.class)).hasSize(1);
    }

    @Test
    void aDatabaseErrorAfterARunIsRetriedUntilTheOutcomeIsRecorded() {
        SimulatedHost host = kit.host("compute");
        host.setRunDuration(Duration.ofSeconds(3));
        RequestPuppetRun request = runOn(host, "production");
        kit.send(request);
        await().until(() -> !kit.resultsFor(request.requestId(), PuppetRunStarted.class).isEmpty());

        tableAway(true);
        try {
            // The run ends while its outcome cannot be recorded.
            await().atMost(Duration.ofSeconds(30)).until(() -> host.agent().runHistory().size() == 1);
        } finally {
            tableAway(false);
        }

        PuppetRunCompleted completed = kit.awaitCompletion(request.requestId(), Duration.ofMinutes(1));
        assertThat(completed.outcome()).isEqualTo(RunOutcome.CHANGED);
        assertThat(host.puppetRuns()).isOne();
    }

    private void tableAway(boolean away) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(away
                ? "ALTER TABLE runner_request RENAME TO runner_request_away"
                : "ALTER TABLE runner_request_away RENAME TO runner_request").executeUpdate());
    }
}
