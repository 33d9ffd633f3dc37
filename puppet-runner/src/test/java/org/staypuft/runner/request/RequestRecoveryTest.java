package org.staypuft.runner.request;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.staypuft.events.puppet.PuppetRunCompleted;
import org.staypuft.events.puppet.RequestPuppetRun;
import org.staypuft.events.puppet.RunOutcome;
import org.staypuft.runner.support.RunnerTestKit;
import org.staypuft.simulator.SimulatedHost;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.staypuft.runner.support.RunnerTestKit.runOn;

/**
 * What a restart does with the requests the previous process left behind (rows as a crash leaves them; the
 * recovery is the one that runs at startup).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class RequestRecoveryTest {

    @Inject
    RunnerRequestRepository requests;

    @Inject
    RequestRecovery recovery;

    private final RunnerTestKit kit = RunnerTestKit.get();

    @Test
    void queuedRequestsRunAndRunningOnesCompleteAsInterruptedWithoutRunningAgain() {
        SimulatedHost queuedHost = kit.host("compute");
        SimulatedHost runningHost = kit.host("compute");
        RequestPuppetRun queued = runOn(queuedHost, "production");
        RequestPuppetRun running = runOn(runningHost, "production");
        QuarkusTransaction.requiringNew().run(() -> {
            requests.add(RequestKind.PUPPET_RUN, queued.requestId(), queued.hostId(), queued).attempts = 1;
            RunnerRequest row = requests.add(RequestKind.PUPPET_RUN, running.requestId(), running.hostId(), running);
            row.state = RequestState.RUNNING;
            row.attempts = 1;
            row.startedAt = OffsetDateTime.now(ZoneOffset.UTC);
        });

        recovery.recover();

        PuppetRunCompleted resumed = kit.awaitCompletion(queued.requestId());
        assertThat(resumed.outcome()).isEqualTo(RunOutcome.CHANGED);
        assertThat(resumed.attempts()).isEqualTo(2);
        PuppetRunCompleted interrupted = kit.awaitCompletion(running.requestId());
        assertThat(interrupted.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(interrupted.reason()).startsWith("interrupted: the runner stopped while puppet was running")
                .endsWith("the outcome is unknown and the run was not repeated");
        assertThat(runningHost.puppetRuns()).isZero();
        assertThat(queuedHost.puppetRuns()).isOne();
    }
}
