package org.staypuft.runner.request;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

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
 * What this replica does with the requests other replicas (or this machine's previous process) left behind: rows as
 * a crash leaves them, the takeover the one that runs at startup and on every heartbeat.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class RequestRecoveryTest {

    @Inject
    RunnerRequestRepository requests;

    @Inject
    RequestRecovery recovery;

    @Inject
    EntityManager entityManager;

    @Inject
    ReplicaLease lease;

    private final RunnerTestKit kit = RunnerTestKit.get();

    @Test
    void queuedRequestsOfAStoppedReplicaRunAndRunningOnesCompleteAsInterruptedWithoutRunningAgain() {
        String stopped = replica("stopped", false);
        SimulatedHost queuedHost = kit.host("compute");
        SimulatedHost runningHost = kit.host("compute");
        RequestPuppetRun queued = runOn(queuedHost, "production");
        RequestPuppetRun running = runOn(runningHost, "production");
        leftBehind(queued, stopped, RequestState.QUEUED);
        leftBehind(running, stopped, RequestState.RUNNING);

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

    @Test
    void aTakenOverRunThatPuppetStillRunsIsWaitedForAndReportedFromItsOwnReport() {
        String stopped = replica("lapsed", false);
        SimulatedHost host = kit.host("compute");
        host.setRunDuration(Duration.ofSeconds(4));
        RequestPuppetRun request = runOn(host, "production");
        leftBehind(request, stopped, RequestState.RUNNING);
        // The replica whose lease lapsed (database away, a long pause) had started puppet with the step's job id;
        // its session still runs while another replica takes the request over.
        host.agent().run("production", request.stepId(), true, result -> {
        });

        recovery.recover();

        PuppetRunCompleted completed = kit.awaitCompletion(request.requestId());
        assertThat(completed.interrupted()).isNull();
        assertThat(completed.outcome()).isEqualTo(RunOutcome.CHANGED);
        assertThat(completed.changedResources()).contains("Service[openstack-nova-compute]");
        assertThat(completed.transactionUuid()).isNotNull();
        assertThat(host.agent().runHistory()).hasSize(1).allSatisfy(run -> assertThat(run.terminated()).isFalse());
        assertThat(host.puppetRuns()).isOne();
        assertThat(host.commandLog()).noneMatch(command -> command.contains("puppet agent"))
                .anyMatch(command -> command.startsWith("kill -0 "));
    }

    @Test
    void aTakenOverRunWhoseReportIsAnotherRunsIsReportedInterrupted() {
        String stopped = replica("lapsed-other", false);
        SimulatedHost host = kit.host("compute");
        RequestPuppetRun earlier = runOn(host, "production");
        kit.send(earlier);
        kit.awaitCompletion(earlier.requestId());
        RequestPuppetRun request = new RequestPuppetRun(java.util.UUID.randomUUID().toString(), "deployment-1",
                "run-1", "step-other-" + host.name(), earlier.hostId(), earlier.hostName(), earlier.address(),
                earlier.port(), "root", "production", earlier.purpose(), List.of(), 0, 60);
        leftBehind(request, stopped, RequestState.RUNNING);

        recovery.recover();

        PuppetRunCompleted completed = kit.awaitCompletion(request.requestId());
        assertThat(completed.interrupted()).isTrue();
        assertThat(completed.reason()).startsWith("interrupted: the runner stopped while puppet was running")
                .contains("the host's last report is not this run's")
                .endsWith("the outcome is unknown and the run was not repeated");
        assertThat(host.puppetRuns()).isOne();
    }

    @Test
    void requestsOfAReplicaWhoseLeaseRunsAreLeftToIt() {
        String alive = replica("alive", true);
        SimulatedHost host = kit.host("compute");
        RequestPuppetRun running = runOn(host, "production");
        RequestPuppetRun queued = runOn(host, "production");
        leftBehind(running, alive, RequestState.RUNNING);
        leftBehind(queued, alive, RequestState.QUEUED);

        recovery.recover();

        assertThat(ownerOf(running)).isEqualTo(alive);
        assertThat(ownerOf(queued)).isEqualTo(alive);
        assertThat(stateOf(running)).isEqualTo(RequestState.RUNNING);
        assertThat(kit.resultsFor(running.requestId())).isEmpty();
        assertThat(host.puppetRuns()).isZero();
    }

    @Test
    void requestsFromBeforeReplicaLeasesBelongToNobodyAndAreTakenOver() {
        SimulatedHost host = kit.host("compute");
        RequestPuppetRun queued = runOn(host, "production");
        leftBehind(queued, null, RequestState.QUEUED);

        recovery.recover();

        assertThat(kit.awaitCompletion(queued.requestId()).outcome()).isEqualTo(RunOutcome.CHANGED);
        assertThat(host.puppetRuns()).isOne();
    }

    @Test
    void aRowAnotherReplicaIsTakingOverIsSkippedNotWaitedFor() throws Exception {
        String stopped = replica("stopping", true);
        SimulatedHost host = kit.host("compute");
        RequestPuppetRun contended = runOn(host, "production");
        leftBehind(contended, stopped, RequestState.RUNNING);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        // Another replica's takeover holds the row's lock (as its FOR UPDATE SKIP LOCKED leaves it).
        CompletableFuture<Void> otherReplica = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew()
                .run(() -> {
                    entityManager.createNativeQuery("SELECT id FROM runner_request WHERE request_id = :id FOR UPDATE")
                            .setParameter("id", contended.requestId()).getResultList();
                    locked.countDown();
                    await(done);
                }));
        await(locked);
        endLease(stopped);

        recovery.recover();

        assertThat(ownerOf(contended)).isEqualTo(stopped);
        assertThat(stateOf(contended)).isEqualTo(RequestState.RUNNING);
        done.countDown();
        otherReplica.get(30, TimeUnit.SECONDS);

        recovery.recover();

        assertThat(kit.awaitCompletion(contended.requestId()).reason()).startsWith("interrupted");
        assertThat(host.puppetRuns()).isZero();
    }

    @Test
    void aReplicaWhoseOwnLeaseLapsedTakesItAgainWhenItStartsARunInsteadOfDroppingIt() {
        SimulatedHost host = kit.host("compute");
        RequestPuppetRun request = runOn(host, "production");
        endLease(lease.id()); // as after a heartbeat that came too late; no other replica took anything

        kit.send(request);

        assertThat(kit.awaitCompletion(request.requestId()).outcome()).isEqualTo(RunOutcome.CHANGED);
        assertThat(host.puppetRuns()).isOne();
        assertThat(ownerOf(request)).isEqualTo(lease.id());
        assertThat(QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "SELECT lease_until > now() FROM runner_replica WHERE id = :id").setParameter("id", lease.id())
                .getSingleResult())).isEqualTo(true);
    }

    /** A replica row: its lease still runs, or ran out a minute ago. */
    private String replica(String name, boolean leaseRuns) {
        String id = name + "-" + System.nanoTime();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                INSERT INTO runner_replica (id, started_at, lease_until)
                VALUES (:id, now() - interval '1 hour', now() + :offset * interval '1 minute')""")
                .setParameter("id", id)
                .setParameter("offset", leaseRuns ? 10 : -1)
                .executeUpdate());
        return id;
    }

    private void endLease(String replica) {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("UPDATE runner_replica SET lease_until = now() - interval '1 second' WHERE id = :id")
                .setParameter("id", replica).executeUpdate());
    }

    private void leftBehind(RequestPuppetRun request, String owner, RequestState state) {
        QuarkusTransaction.requiringNew().run(() -> {
            RunnerRequest row = requests.add(RequestKind.PUPPET_RUN, request.requestId(), request.hostId(), request);
            row.takenOverBy(owner);
            if (state == RequestState.RUNNING) {
                row.started(1, OffsetDateTime.now(ZoneOffset.UTC));
            } else {
                row.waiting(1, null);
            }
        });
    }

    private String ownerOf(RequestPuppetRun request) {
        return QuarkusTransaction.requiringNew()
                .call(() -> requests.require(RequestKind.PUPPET_RUN, request.requestId()).owner());
    }

    private RequestState stateOf(RequestPuppetRun request) {
        return QuarkusTransaction.requiringNew()
                .call(() -> requests.require(RequestKind.PUPPET_RUN, request.requestId()).state());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
