package org.staypuft.runner.ssh;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.events.puppet.PuppetRunCompleted;
import org.staypuft.events.puppet.RequestPuppetRun;
import org.staypuft.events.puppet.ResourceCounts;
import org.staypuft.events.puppet.RunOutcome;
import org.staypuft.events.puppet.RunPurpose;
import org.staypuft.runner.support.RunnerTestKit;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The runner against a real OpenSSH server (Debian's {@code openssh-server}, as {@code .ci/install-packages} installs
 * it): key exchange, public key auth, exit status, stdout and stderr, reading the report, the signal that ends a
 * timed-out command. Skipped only on a developer machine without sshd; in CI ({@code CI=true}) a missing sshd fails.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class OpenSshInteropTest {

    private static OpenSshServer sshd;
    private final RunnerTestKit kit = RunnerTestKit.get();

    @BeforeEach
    void startSshd() throws Exception {
        if (sshd != null) {
            return;
        }
        if (!Files.isExecutable(OpenSshServer.SSHD)) {
            if ("true".equals(System.getenv("CI"))) {
                fail(OpenSshServer.SSHD + " is missing; .ci/install-packages installs openssh-server");
            }
            Assumptions.abort(OpenSshServer.SSHD + " is missing (apt-get install openssh-server); skipped outside CI");
        }
        sshd = new OpenSshServer(kit.runnerKey());
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    private RequestPuppetRun run(String user, String environment, List<SshHostKey> expectedKeys, int timeout) {
        return new RequestPuppetRun(UUID.randomUUID().toString(), "deployment-openssh", "run-1", "step-1",
                "mac" + UUID.randomUUID().toString().replace("-", "").substring(0, 12), "localhost", "127.0.0.1",
                sshd.port, user, environment, RunPurpose.DEPLOY, expectedKeys, 0, timeout);
    }

    @Test
    void aRunOverOpenSshReportsExitStatusOutputAndTheRealReport() throws Exception {
        RequestPuppetRun request = run(sshd.user, "production", List.of(), 60);

        kit.send(request);
        PuppetRunCompleted completed = kit.awaitCompletion(request.requestId());

        assertThat(completed.outcome()).as(sshd.log()).isEqualTo(RunOutcome.FAILED);
        assertThat(completed.exitCode()).isEqualTo(6);
        assertThat(completed.resources()).isEqualTo(new ResourceCounts(1, 1, 0, 2, 10));
        assertThat(completed.failedResources()).containsExactly("Exec[failing-command]");
        assertThat(completed.changedResources()).containsExactly("File[/tmp/staypuft-samples/work/motd]");
        assertThat(completed.outputTail()).contains("Info: Using environment 'production'")
                .contains("Error: /Stage[main]/Main/Exec[failing-command]/returns")
                .contains("Notice: Applied catalog in 0.03 seconds");
        assertThat(sshd.log()).contains("Accepted publickey for " + sshd.user);
    }

    @Test
    void strictCheckingWithOnlyTheRsaKeyNegotiatesRsa() throws Exception {
        String rsa = sshd.hostKey("rsa");
        RequestPuppetRun request = run(sshd.user, "production",
                List.of(new SshHostKey(rsa.split(" ")[0], rsa.split(" ")[1])), 60);

        kit.send(request);
        PuppetRunCompleted completed = kit.awaitCompletion(request.requestId());

        assertThat(completed.outcome()).as(completed.reason()).isEqualTo(RunOutcome.FAILED);
        assertThat(completed.exitCode()).isEqualTo(6);
    }

    @Test
    void aWrongExpectedKeyIsAMismatch() throws Exception {
        String otherKey = RunnerTestKit.get().simulator().addHost(kit.spec("generic").build()).hostKeyLine();
        RequestPuppetRun request = run(sshd.user, "production", RunnerTestKit.keysOf(otherKey), 60);

        kit.send(request);

        assertThat(kit.awaitCompletion(request.requestId()).outcome()).isEqualTo(RunOutcome.HOST_KEY_MISMATCH);
    }

    @Test
    void anotherUserIsRefused() {
        RequestPuppetRun request = run("nobody", "production", List.of(), 60);

        kit.send(request);

        assertThat(kit.awaitCompletion(request.requestId()).outcome()).isEqualTo(RunOutcome.AUTH_FAILED);
    }

    @Test
    void aTimedOutCommandIsEndedOnTheHost() {
        RequestPuppetRun request = run(sshd.user, "hang", List.of(), 1);

        kit.send(request);
        PuppetRunCompleted completed = kit.awaitCompletion(request.requestId());

        assertThat(completed.outcome()).isEqualTo(RunOutcome.TIMEOUT);
        assertThat(completed.reason()).contains("timeout(1) on the host stopped it");
        assertThat(completed.outputTail()).contains("Info: Using environment 'hang'");
        await().atMost(Duration.ofSeconds(15)).until(() -> ProcessHandle.allProcesses()
                .noneMatch(process -> process.info().commandLine()
                        .map(line -> line.contains("sleep " + OpenSshServer.HANG_SECONDS)).orElse(false)));
    }
}
