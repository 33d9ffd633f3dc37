package org.staypuft.runner.reboot;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.staypuft.events.provisioning.RebootCompleted;
import org.staypuft.events.provisioning.RequestReboot;
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

        List.of(toFailing, toNobody, malformed).forEach(kit::send);

        RebootCompleted failed = kit.awaitReboot(toFailing.requestId());
        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.reason()).contains("answered 500").contains("simulated proxy failure");
        assertThat(failing.lifecycle()).isEqualTo(HostLifecycle.DISCOVERED);
        assertThat(kit.awaitReboot(toNobody.requestId()).reason()).contains("connection refused");
        assertThat(kit.awaitReboot(malformed.requestId()).reason()).startsWith("Rejected: proxyUrl file:///etc/passwd");
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
