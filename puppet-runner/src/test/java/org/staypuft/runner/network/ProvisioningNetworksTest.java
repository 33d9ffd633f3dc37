package org.staypuft.runner.network;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.staypuft.events.provisioning.RebootCompleted;
import org.staypuft.events.provisioning.RequestReboot;
import org.staypuft.events.puppet.PuppetRunCompleted;
import org.staypuft.events.puppet.RequestPuppetRun;
import org.staypuft.events.puppet.RunOutcome;
import org.staypuft.events.puppet.RunPurpose;
import org.staypuft.runner.support.RunnerTestKit;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 5 of issue 12: the address of a puppet run and the discovery proxy URL of a reboot come from facts anyone
 * can upload, and only had to be IP literals: loopback, 169.254.169.254 and the services' own addresses were accepted.
 * Now every address the runner connects to must lie in {@code staypuft.runner.network.provisioning-networks} (the
 * tests configure 127.0.0.0/8, where the simulator's hosts live); the step fails with a reason naming the address and
 * the setting, and nothing is sent.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ProvisioningNetworksTest {

    private final RunnerTestKit kit = RunnerTestKit.get();

    @Test
    void aPuppetRunToAnAddressOutsideTheProvisioningNetworksFailsNamingTheAddressAndTheSetting() throws Exception {
        List<String> refused = new ArrayList<>(List.of("169.254.169.254", "10.66.0.1", "224.0.0.1",
                "255.255.255.255", "0.0.0.0"));
        ownNonLoopbackIpv4().ifPresent(refused::add);

        for (String address : refused) {
            RequestPuppetRun run = new RequestPuppetRun(UUID.randomUUID().toString(), "deployment-1", "run-1",
                    "step-net", "mac5254000000aa", "victim.example.com", address, 22, "root", "production",
                    RunPurpose.DEPLOY, List.of(), 0, 60);
            kit.send(run);

            PuppetRunCompleted completed = kit.awaitCompletion(run.requestId());
            assertThat(completed.outcome()).as(address).isEqualTo(RunOutcome.FAILED);
            assertThat(completed.reason()).as(address).contains("address " + address)
                    .contains("staypuft.runner.network.").contains("nothing was sent");
        }
    }

    @Test
    void aRebootThroughAProxyOutsideTheProvisioningNetworksIsNeverCalled() {
        for (String proxy : List.of("https://169.254.169.254:8443", "http://10.66.0.2:8443",
                "https://[fe80::1]:8443")) {
            RequestReboot reboot = new RequestReboot(UUID.randomUUID().toString(), "deployment-1", "run-1", "step-1",
                    "mac5254000000ab", proxy, "http://installer/vmlinuz", "http://installer/initrd.img",
                    "inst.ks=http://registry/unattended/provision?token=secret-build-token", List.of(), 10);
            kit.send(reboot);

            RebootCompleted completed = kit.awaitReboot(reboot.requestId());
            assertThat(completed.succeeded()).as(proxy).isFalse();
            assertThat(completed.reason()).as(proxy).contains("proxyUrl " + proxy)
                    .contains("staypuft.runner.network.provisioning-networks").contains("nothing was sent");
        }
    }

    private static java.util.Optional<String> ownNonLoopbackIpv4() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()
                        && !address.isLinkLocalAddress()) {
                    return java.util.Optional.of(address.getHostAddress());
                }
            }
        }
        return java.util.Optional.empty();
    }
}
