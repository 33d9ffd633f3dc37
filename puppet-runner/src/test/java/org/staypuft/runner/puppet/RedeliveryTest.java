package org.staypuft.runner.puppet;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.puppet.PuppetRunCompleted;
import org.staypuft.events.puppet.RequestPuppetRun;
import org.staypuft.events.puppet.RunOutcome;
import org.staypuft.runner.support.RunnerTestKit;
import org.staypuft.simulator.SimulatedHost;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.staypuft.runner.support.RunnerTestKit.runOn;

/** The same request id, delivered again in every way it can be, runs puppet once. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class RedeliveryTest {

    private final RunnerTestKit kit = RunnerTestKit.get();

    @Test
    void aRequestRedeliveredWhileRunningAndAfterwardsRunsOnce() {
        SimulatedHost host = kit.simulator().addHost(kit.spec("compute").runDuration(Duration.ofSeconds(1)).build());
        RequestPuppetRun request = runOn(host, "production");

        EventEnvelope first = kit.send(request);
        await().until(() -> host.agent().runInProgress());
        kit.resend(first); // Kafka redelivery: same event id
        kit.send(request); // the orchestrator asks again: same request id, new event id
        PuppetRunCompleted completed = kit.awaitCompletion(request.requestId());
        kit.send(request); // and once more after the run completed

        await().until(() -> kit.resultsFor(request.requestId(), PuppetRunCompleted.class).size() == 2);
        assertThat(kit.resultsFor(request.requestId(), PuppetRunCompleted.class))
                .containsExactly(completed, completed);
        assertThat(completed.outcome()).isEqualTo(RunOutcome.CHANGED);
        assertThat(host.puppetRuns()).isOne();
        assertThat(host.agent().refusedRuns()).isZero();
    }

    @Test
    void differentRequestsForOneHostRunOneAfterTheOther() {
        SimulatedHost host = kit.simulator().addHost(kit.spec("compute").runDuration(Duration.ofMillis(300)).build());
        RequestPuppetRun first = runOn(host, "production");
        RequestPuppetRun second = runOn(host, "production");
        RequestPuppetRun third = runOn(host, "production");

        kit.send(first);
        kit.send(second);
        kit.send(third);

        assertThat(kit.awaitCompletion(first.requestId()).outcome()).isEqualTo(RunOutcome.CHANGED);
        assertThat(kit.awaitCompletion(second.requestId()).outcome()).isEqualTo(RunOutcome.UNCHANGED);
        assertThat(kit.awaitCompletion(third.requestId()).outcome()).isEqualTo(RunOutcome.UNCHANGED);
        assertThat(host.puppetRuns()).isEqualTo(3);
        assertThat(host.agent().refusedRuns()).isZero();
    }
}
