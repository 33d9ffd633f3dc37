package org.staypuft.runner.puppet;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.staypuft.events.puppet.PuppetRunCompleted;
import org.staypuft.events.puppet.PuppetRunStarted;
import org.staypuft.events.puppet.RequestPuppetRun;
import org.staypuft.events.puppet.ResourceCounts;
import org.staypuft.events.puppet.RunOutcome;
import org.staypuft.events.puppet.RunPurpose;
import org.staypuft.runner.request.RequestKind;
import org.staypuft.runner.request.RunnerRequestRepository;
import org.staypuft.runner.support.RunnerTestKit;
import org.staypuft.simulator.SimulatedHost;
import org.staypuft.simulator.puppet.Runmode;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.staypuft.runner.support.RunnerTestKit.keysOf;
import static org.staypuft.runner.support.RunnerTestKit.runOn;

/**
 * Each outcome of a puppet run, end to end: a command on the commands topic, a real SSH session to a simulated host,
 * the completed event on the results topic.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class PuppetRunOutcomesTest {

    private final RunnerTestKit kit = RunnerTestKit.get();

    @Inject
    RunnerRequestRepository requests;

    @Test
    void aFirstProductionRunChangesTheRoleAndSaysWhat() {
        SimulatedHost host = kit.host("controller");
        RequestPuppetRun request = runOn(host, "production");

        kit.send(request);
        PuppetRunCompleted completed = kit.awaitCompletion(request.requestId());

        assertThat(completed.outcome()).isEqualTo(RunOutcome.CHANGED);
        assertThat(completed.exitCode()).isEqualTo(2);
        assertThat(completed.reason()).isNull();
        assertThat(completed.resources()).isEqualTo(new ResourceCounts(11, 0, 0, 11, 13));
        assertThat(completed.changedResources()).hasSize(11).contains("Service[openstack-keystone]");
        assertThat(completed.failedResources()).isEmpty();
        assertThat(completed.outputTail()).contains("Notice: Applied catalog in");
        assertThat(completed.attempts()).isOne();
        assertThat(completed.purpose()).isEqualTo(request.purpose());
        assertThat(kit.resultsFor(request.requestId(), PuppetRunStarted.class))
                .containsExactly(new PuppetRunStarted(request.requestId(), "deployment-1", "run-1",
                        request.stepId(), RunnerTestKit.hostIdOf(host), 1));
        assertThat(host.commandLog()).contains(
                "timeout --kill-after=5 60 puppet agent --onetime --no-daemonize --no-usecacheonfailure "
                        + "--detailed-exitcodes --verbose --job_id " + request.stepId() + " --environment production",
                "puppet config print lastrunfile lastrunreport",
                "cat /var/lib/puppet/state/last_run_summary.yaml");
    }

    @Test
    void aRunWithNothingToDoIsUnchanged() {
        SimulatedHost host = kit.host("compute");
        kit.awaitCompletion(kit.send(runOn(host, "production")).payloadAs(RequestPuppetRun.class).requestId());
        RequestPuppetRun second = runOn(host, "production");

        kit.send(second);
        PuppetRunCompleted completed = kit.awaitCompletion(second.requestId());

        assertThat(completed.outcome()).isEqualTo(RunOutcome.UNCHANGED);
        assertThat(completed.exitCode()).isZero();
        assertThat(completed.resources().changed()).isZero();
        assertThat(completed.changedResources()).isEmpty();
        assertThat(host.puppetRuns()).isEqualTo(2);
    }

    @Test
    void enablingTheAgentChangesOnlyItsServiceUnlessTheHostDrifts() {
        SimulatedHost quiet = kit.host("compute");
        SimulatedHost drifting = kit.host("compute");
        drifting.setDrift(true);
        for (SimulatedHost host : List.of(quiet, drifting)) {
            kit.awaitCompletion(kit.send(runOn(host, "production")).payloadAs(RequestPuppetRun.class).requestId());
            host.setRunmode(Runmode.SERVICE);
        }
        RequestPuppetRun enableQuiet = runOn(quiet, "production");
        RequestPuppetRun enableDrifting = runOn(drifting, "production");

        kit.send(enableQuiet);
        kit.send(enableDrifting);

        assertThat(kit.awaitCompletion(enableQuiet.requestId()).changedResources()).containsExactly("Service[puppet]");
        assertThat(kit.awaitCompletion(enableDrifting.requestId()).changedResources())
                .containsExactly("Service[puppet]", "File[/etc/puppet/puppet.conf]");
        assertThat(quiet.agentServiceRunning()).isTrue();
    }

    @Test
    void failingResourcesFailTheRunWithTheirTitles() {
        SimulatedHost host = kit.host("controller");
        host.failResources("Service[openstack-keystone]");
        RequestPuppetRun request = runOn(host, "production");

        kit.send(request);
        PuppetRunCompleted completed = kit.awaitCompletion(request.requestId());

        assertThat(completed.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(completed.exitCode()).isEqualTo(6);
        assertThat(completed.reason()).isEqualTo("puppet exited 6: resources changed and some failed");
        assertThat(completed.failedResources()).containsExactly("Service[openstack-keystone]");
        assertThat(completed.resources().failed()).isOne();
        assertThat(completed.outputTail()).contains("Error: /Stage[main]/Role::Controller/Service[openstack-keystone]");
    }

    @Test
    void anUnknownEnvironmentFailsWithPuppetsOwnError() {
        SimulatedHost host = kit.host("generic");
        RequestPuppetRun request = runOn(host, "staging");

        kit.send(request);
        PuppetRunCompleted completed = kit.awaitCompletion(request.requestId());

        assertThat(completed.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(completed.exitCode()).isOne();
        assertThat(completed.reason()).isEqualTo("puppet exited 1: the run failed or was not attempted");
        assertThat(completed.resources()).isNull();
        assertThat(completed.outputTail()).contains("Could not find environment 'staging'");
    }

    @Test
    void anUnreachableHostIsRetriedThenReported() {
        SimulatedHost host = kit.host("generic");
        host.setReachable(false);
        RequestPuppetRun request = runOn(host, "production");

        kit.send(request);
        PuppetRunCompleted completed = kit.awaitCompletion(request.requestId());

        assertThat(completed.outcome()).isEqualTo(RunOutcome.UNREACHABLE);
        assertThat(completed.reason()).contains("connection refused").contains("gave up after 3 attempts");
        assertThat(completed.attempts()).isEqualTo(3);
        assertThat(completed.exitCode()).isNull();
        assertThat(kit.resultsFor(request.requestId(), PuppetRunStarted.class)).isEmpty();
    }

    @Test
    void aHostStillBootingIsWaitedForUpToTheRequestsSshReadyTimeout() {
        SimulatedHost host = kit.host("compute");
        host.setReachable(false);
        RequestPuppetRun request = runOn(host, "production", List.of(), 30, 60);

        kit.send(request);
        await().until(() -> QuarkusTransaction.requiringNew().call(() -> requests
                .find(RequestKind.PUPPET_RUN, request.requestId()).map(row -> row.attempts() >= 2).orElse(false)));
        host.setReachable(true);
        PuppetRunCompleted completed = kit.awaitCompletion(request.requestId());

        assertThat(completed.outcome()).isEqualTo(RunOutcome.CHANGED);
        assertThat(completed.attempts()).isGreaterThan(2);
        assertThat(kit.resultsFor(request.requestId(), PuppetRunStarted.class)).hasSize(1);
    }

    @Test
    void aHostWithoutTheProxysKeyFailsAuthentication() {
        SimulatedHost host = kit.simulator().addHost(kit.spec("generic").build());
        host.revokeAll();
        RequestPuppetRun request = runOn(host, "production");

        kit.send(request);
        PuppetRunCompleted completed = kit.awaitCompletion(request.requestId());

        assertThat(completed.outcome()).isEqualTo(RunOutcome.AUTH_FAILED);
        assertThat(completed.reason()).contains("refused the proxy's key for user root");
        assertThat(completed.attempts()).isOne();
        assertThat(host.puppetRuns()).isZero();
    }

    @Test
    void strictCheckingAcceptsTheKeyFromTheFactsAndRefusesAnyOther() {
        SimulatedHost host = kit.host("generic");
        SimulatedHost other = kit.host("generic");
        RequestPuppetRun known = runOn(host, "production", keysOf(host.hostKeyLine()), 60);
        RequestPuppetRun impostor = runOn(host, "production", keysOf(other.hostKeyLine()), 60);

        kit.send(known);
        assertThat(kit.awaitCompletion(known.requestId()).outcome()).isEqualTo(RunOutcome.CHANGED);
        kit.send(impostor);
        PuppetRunCompleted completed = kit.awaitCompletion(impostor.requestId());

        assertThat(completed.outcome()).isEqualTo(RunOutcome.HOST_KEY_MISMATCH);
        assertThat(completed.reason()).startsWith("host key mismatch: host presented ssh-ed25519 key SHA256:")
                .contains("policy strict");
        assertThat(completed.attempts()).isOne();
        assertThat(host.puppetRuns()).isOne();
    }

    @Test
    void acceptNewPinsTheFirstKeyAndRefusesAChangedOne() {
        SimulatedHost host = kit.host("generic");
        RequestPuppetRun first = runOn(host, "production");
        kit.send(first);
        assertThat(kit.awaitCompletion(first.requestId()).outcome()).isEqualTo(RunOutcome.CHANGED);

        host.changeHostKey();
        RequestPuppetRun afterReinstall = runOn(host, "production");
        kit.send(afterReinstall);
        PuppetRunCompleted completed = kit.awaitCompletion(afterReinstall.requestId());

        assertThat(completed.outcome()).isEqualTo(RunOutcome.HOST_KEY_MISMATCH);
        assertThat(completed.reason()).contains("pinned at first contact (policy accept-new)");
        assertThat(host.puppetRuns()).isOne();
    }

    @Test
    void aHangingRunIsStoppedByTheHostsTimeout() {
        SimulatedHost host = kit.host("generic");
        host.setHanging(true);
        RequestPuppetRun request = runOn(host, "production", List.of(), 1);

        kit.send(request);
        PuppetRunCompleted completed = kit.awaitCompletion(request.requestId());

        assertThat(completed.outcome()).isEqualTo(RunOutcome.TIMEOUT);
        assertThat(completed.reason())
                .isEqualTo("puppet did not finish within 1s; timeout(1) on the host stopped it (exit 124)");
        assertThat(completed.exitCode()).isNull();
        assertThat(host.agent().terminatedRuns()).isOne();
        assertThat(host.agent().runInProgress()).isFalse();
    }

    @Test
    void aHangingRunTheHostCannotStopIsTerminatedByTheRunner() {
        SimulatedHost host = kit.host("generic");
        host.setHanging(true);
        host.setRemoteTimeoutBroken(true);
        RequestPuppetRun request = runOn(host, "production", List.of(), 1);

        kit.send(request);
        PuppetRunCompleted completed = kit.awaitCompletion(request.requestId());

        assertThat(completed.outcome()).isEqualTo(RunOutcome.TIMEOUT);
        assertThat(completed.reason()).isEqualTo("puppet did not finish within 1s and the host did not stop it; "
                + "the runner sent it SIGTERM and closed its channel");
        assertThat(completed.exitCode()).isNull();
        assertThat(completed.durationMillis()).isGreaterThanOrEqualTo(3000);
        await().untilAsserted(() -> {
            assertThat(host.agent().terminatedRuns()).isOne();
            assertThat(host.agent().runInProgress()).isFalse();
        });
    }

    @Test
    void aRunAlreadyInProgressIsWaitedForNotKilled() {
        SimulatedHost host = kit.host("compute");
        host.holdAgentLock(Duration.ofMillis(700));
        RequestPuppetRun request = runOn(host, "production");

        kit.send(request);
        PuppetRunCompleted completed = kit.awaitCompletion(request.requestId());

        assertThat(completed.outcome()).isEqualTo(RunOutcome.CHANGED);
        assertThat(completed.attempts()).isGreaterThan(1);
        assertThat(host.agent().refusedRuns()).isEqualTo(completed.attempts() - 1);
        assertThat(host.agent().terminatedRuns()).isZero();
        assertThat(host.puppetRuns()).isOne();
        assertThat(kit.resultsFor(request.requestId(), PuppetRunStarted.class))
                .extracting(PuppetRunStarted::attempt).hasSize(completed.attempts());
    }

    @Test
    void aRunThatStaysInProgressFailsWithoutKillingIt() {
        SimulatedHost host = kit.host("compute");
        host.holdAgentLock(Duration.ofMinutes(5));
        RequestPuppetRun request = runOn(host, "production");

        kit.send(request);
        PuppetRunCompleted completed = kit.awaitCompletion(request.requestId(), Duration.ofMinutes(1));

        assertThat(completed.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(completed.reason()).isEqualTo(
                "another puppet run held the agent's lock through 4 attempts; not killed, not run");
        assertThat(completed.outputTail()).contains("Run of Puppet configuration client already in progress");
        assertThat(host.puppetRuns()).isZero();
    }

    @Test
    void aRequestPastItsStartLimitRunsNothingAndSaysExpiredNamingTheLimit() {
        SimulatedHost host = kit.host("compute");
        RequestPuppetRun request = runOn(host, "production").notAfter(Instant.now().minusSeconds(5)
                .truncatedTo(ChronoUnit.SECONDS));

        kit.send(request);
        PuppetRunCompleted completed = kit.awaitCompletion(request.requestId());
        kit.send(request); // the same request id again (a re-send): answered again, still not run

        assertThat(completed.outcome()).isEqualTo(RunOutcome.EXPIRED);
        assertThat(completed.exitCode()).isNull();
        assertThat(completed.reason()).startsWith("EXPIRED: not started by the request's notAfter "
                + request.notAfter()).endsWith("nothing ran on the host");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> kit.resultsFor(request.requestId(), PuppetRunCompleted.class).size() == 2);
        assertThat(kit.resultsFor(request.requestId(), PuppetRunCompleted.class)).containsOnly(completed);
        assertThat(kit.resultsFor(request.requestId(), PuppetRunStarted.class)).isEmpty();
        assertThat(host.commandLog()).isEmpty();
    }

    @Test
    void aRequestWhoseStartLimitPassesBehindItsHostsRunIsNotStarted() {
        SimulatedHost host = kit.host("compute");
        host.setRunDuration(Duration.ofSeconds(4));
        RequestPuppetRun first = runOn(host, "production");
        RequestPuppetRun behind = runOn(host, "production").notAfter(Instant.now().plusSeconds(2));

        kit.send(first);
        kit.send(behind);

        assertThat(kit.awaitCompletion(first.requestId()).outcome()).isEqualTo(RunOutcome.CHANGED);
        PuppetRunCompleted expired = kit.awaitCompletion(behind.requestId());
        assertThat(expired.outcome()).isEqualTo(RunOutcome.EXPIRED);
        assertThat(expired.reason()).contains(behind.notAfter());
        assertThat(kit.resultsFor(behind.requestId(), PuppetRunStarted.class)).isEmpty();
        assertThat(host.puppetRuns()).isOne();
    }

    @Test
    void anUnreadableStartLimitIsRefusedNamingTheField() {
        SimulatedHost host = kit.host("compute");
        RequestPuppetRun base = runOn(host, "production");
        RequestPuppetRun request = new RequestPuppetRun(base.requestId(), base.deploymentId(), base.runId(),
                base.stepId(), base.hostId(), base.hostName(), base.address(), base.port(), base.sshUser(),
                base.environment(), base.purpose(), base.expectedHostKeys(), 0, 60, "tomorrow");

        kit.send(request);
        PuppetRunCompleted completed = kit.awaitCompletion(request.requestId());

        assertThat(completed.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(completed.reason()).startsWith("Rejected: notAfter 'tomorrow' is not an RFC 3339");
        assertThat(host.commandLog()).isEmpty();
    }

    @Test
    void injectionAttemptsAreRefusedBeforeAnythingReachesTheHost() {
        SimulatedHost host = kit.host("generic");
        List<RequestPuppetRun> attempts = List.of(
                runOn(host, "production; touch /tmp/pwned"),
                runOn(host, "$(reboot)"),
                runOn(host, "production\nreboot"),
                new RequestPuppetRun("inject-host-" + host.name(), "d", "r", "s", RunnerTestKit.hostIdOf(host),
                        "h`id`.example.com", host.address().getHostAddress(), host.sshPort(), "root", "production",
                        RunPurpose.DEPLOY, List.of(), 0, 60),
                new RequestPuppetRun("inject-user-" + host.name(), "d", "r", "s", RunnerTestKit.hostIdOf(host), null,
                        host.address().getHostAddress(), host.sshPort(), "root -oProxyCommand=id", "production",
                        RunPurpose.DEPLOY, List.of(), 0, 60));

        attempts.forEach(kit::send);

        for (RequestPuppetRun attempt : attempts) {
            PuppetRunCompleted completed = kit.awaitCompletion(attempt.requestId());
            assertThat(completed.outcome()).isEqualTo(RunOutcome.FAILED);
            assertThat(completed.reason()).startsWith("Rejected: ").endsWith("; nothing was run");
            assertThat(completed.attempts()).isOne();
        }
        assertThat(host.commandLog()).isEmpty();
        assertThat(host.injections()).isEmpty();
        assertThat(host.puppetRuns()).isZero();
    }
}
