package org.staypuft.runner.reboot;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.staypuft.events.provisioning.RebootCompleted;
import org.staypuft.events.provisioning.RequestReboot;
import org.staypuft.events.puppet.RequestPuppetRun;
import org.staypuft.runner.support.RunnerTestKit;
import org.staypuft.simulator.HostLifecycle;
import org.staypuft.simulator.SimulatedHost;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Reboots through the discovery image's proxy of simulated hosts. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class RebootTest {

    private final RunnerTestKit kit = RunnerTestKit.get();

    private SimulatedHost discoveredHost() {
        return kit.simulator().addHost(kit.spec("compute").discoveryProxy(0).build());
    }

    private static RequestReboot reboot(SimulatedHost host, String proxyUrl, String kernel, String initram) {
        return new RequestReboot(UUID.randomUUID().toString(), "deployment-1", "run-1", "step-1",
                RunnerTestKit.hostIdOf(host),
                proxyUrl, kernel, initram, kernel == null ? null : "ks=http://foreman/ks",
                kernel == null ? null : List.of("nomodeset"), 10);
    }

    private static RequestReboot rebootNotAfter(SimulatedHost host, Instant limit) {
        RequestReboot plain = reboot(host, host.proxyUrl(), null, null);
        return new RequestReboot(plain.requestId(), plain.deploymentId(), plain.runId(), plain.stepId(),
                plain.hostId(), plain.proxyUrl(), null, null, null, null, plain.timeoutSeconds(),
                limit.truncatedTo(ChronoUnit.SECONDS).toString());
    }

    @Test
    void aRebootSendsTheHostIntoItsInstaller() {
        SimulatedHost host = discoveredHost();
        RequestReboot request = reboot(host, host.proxyUrl(), null, null);

        kit.send(request);
        RebootCompleted completed = kit.awaitReboot(request.requestId());

        assertThat(completed.succeeded()).isTrue();
        assertThat(completed.reason()).isNull();
        assertThat(host.lifecycle()).isEqualTo(HostLifecycle.PROVISIONING);
        assertThat(host.lastKexec()).isNull();
    }

    @Test
    void kexecPassesKernelInitramAndArguments() {
        SimulatedHost host = discoveredHost();
        RequestReboot request = reboot(host, host.proxyUrl() + "/", "http://boot/vmlinuz", "http://boot/initrd.img");

        kit.send(request);

        assertThat(kit.awaitReboot(request.requestId()).succeeded()).isTrue();
        assertThat(host.lastKexec()).containsEntry("kernel", "http://boot/vmlinuz")
                .containsEntry("initram", "http://boot/initrd.img").containsEntry("append", "ks=http://foreman/ks")
                .containsEntry("extra", List.of("nomodeset"));
    }

    @Test
    void aFailingOrMissingProxyIsReportedWithItsReason() {
        SimulatedHost failing = discoveredHost();
        failing.setProxyFailing(true);
        SimulatedHost gone = kit.host("compute");
        RequestReboot toFailing = reboot(failing, failing.proxyUrl(), null, null);
        RequestReboot toNobody = reboot(gone, "http://" + gone.address().getHostAddress() + ":9", null, null);
        RequestReboot malformed = reboot(gone, "file:///etc/passwd", null, null);
        RequestReboot plain = reboot(failing, failing.proxyUrl(), null, null);
        RequestReboot unreadableLimit = new RequestReboot(plain.requestId(), plain.deploymentId(), plain.runId(),
                plain.stepId(), plain.hostId(), plain.proxyUrl(), null, null, null, null, 10, "tomorrow");

        List.of(toFailing, toNobody, malformed, unreadableLimit).forEach(kit::send);

        RebootCompleted failed = kit.awaitReboot(toFailing.requestId());
        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.reason()).contains("answered 500").contains("simulated proxy failure");
        assertThat(failing.lifecycle()).isEqualTo(HostLifecycle.DISCOVERED);
        assertThat(kit.awaitReboot(toNobody.requestId()).reason()).contains("connection refused");
        assertThat(kit.awaitReboot(malformed.requestId()).reason()).startsWith("Rejected: proxyUrl file:///etc/passwd");
        assertThat(kit.awaitReboot(unreadableLimit.requestId()).reason())
                .startsWith("Rejected: notAfter 'tomorrow' is not an RFC 3339");
    }

    @Test
    void aRebootPastItsStartLimitSendsNothingAndSaysExpiredNamingTheLimit() {
        SimulatedHost host = discoveredHost();
        RequestReboot request = rebootNotAfter(host, Instant.now().minusSeconds(5));

        kit.send(request);
        RebootCompleted completed = kit.awaitReboot(request.requestId());

        assertThat(completed.succeeded()).isFalse();
        assertThat(completed.wasExpired()).isTrue();
        assertThat(completed.reason()).startsWith("EXPIRED: not sent by the request's notAfter " + request.notAfter())
                .endsWith("the host was not rebooted");
        assertThat(host.reboots()).isZero();
        assertThat(host.lifecycle()).isEqualTo(HostLifecycle.DISCOVERED);
    }

    @Test
    void aRebootWhoseStartLimitPassesBehindItsHostsPuppetRunIsNotSent() {
        SimulatedHost host = discoveredHost();
        host.setRunDuration(Duration.ofSeconds(4));
        RequestPuppetRun run = RunnerTestKit.runOn(host, "production");
        RequestReboot behind = rebootNotAfter(host, Instant.now().plusSeconds(2));

        kit.send(run);
        kit.send(behind);

        kit.awaitCompletion(run.requestId());
        RebootCompleted expired = kit.awaitReboot(behind.requestId());
        assertThat(expired.wasExpired()).isTrue();
        assertThat(expired.reason()).contains(behind.notAfter());
        assertThat(host.reboots()).isZero();
    }

    @Test
    void aRebootWithinItsStartLimitIsSentAndNotExpired() {
        SimulatedHost host = discoveredHost();
        RequestReboot request = rebootNotAfter(host, Instant.now().plusSeconds(600));

        kit.send(request);
        RebootCompleted completed = kit.awaitReboot(request.requestId());

        assertThat(completed.succeeded()).isTrue();
        assertThat(completed.wasExpired()).isFalse();
        assertThat(host.reboots()).isOne();
    }

    @Test
    void aRepeatedRebootRequestRebootsOnce() {
        SimulatedHost host = discoveredHost();
        RequestReboot request = reboot(host, host.proxyUrl(), null, null);

        kit.send(request);
        RebootCompleted completed = kit.awaitReboot(request.requestId());
        kit.send(request);

        org.awaitility.Awaitility.await()
                .until(() -> kit.resultsFor(request.requestId(), RebootCompleted.class).size() == 2);
        assertThat(kit.resultsFor(request.requestId(), RebootCompleted.class)).containsExactly(completed, completed);
        assertThat(host.reboots()).isOne();
    }
}
