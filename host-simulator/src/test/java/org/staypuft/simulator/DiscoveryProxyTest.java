package org.staypuft.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The discovery image's power proxy of a simulated host. */
class DiscoveryProxyTest {

    private static HostSimulator simulator;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        simulator = HostSimulator.start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private HttpResponse<String> put(SimulatedHost host, String path, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(host.proxyUrl() + path))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void rebootSendsTheHostIntoItsInstaller() throws Exception {
        SimulatedHost host = simulator.addHost(HostSpec.named("reboot-me").discoveryProxy(0).build());

        HttpResponse<String> response = put(host, "/power/reboot", "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"result\":true}");
        assertThat(host.lifecycle()).isEqualTo(HostLifecycle.PROVISIONING);
        assertThat(host.reboots()).isOne();
    }

    @Test
    void kexecRecordsKernelAndInitram() throws Exception {
        SimulatedHost host = simulator.addHost(HostSpec.named("kexec-me").discoveryProxy(0).build());

        HttpResponse<String> response = put(host, "/power/kexec", """
                {"kernel": "http://boot/vmlinuz", "initram": "http://boot/initrd.img",
                 "append": "ks=http://foreman/ks", "extra": ["nomodeset"]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(host.lastKexec()).containsEntry("kernel", "http://boot/vmlinuz")
                .containsEntry("extra", List.of("nomodeset"));
        assertThat(put(host, "/power/kexec", "{\"kernel\": \"x\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void aFailingProxyAnswers500AndOnlyPutIsAllowed() throws Exception {
        SimulatedHost host = simulator.addHost(HostSpec.named("broken-proxy").discoveryProxy(0).build());
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(host.proxyUrl() + "/power/reboot"))
                .build(), HttpResponse.BodyHandlers.ofString());
        host.setProxyFailing(true);

        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(put(host, "/power/reboot", "").statusCode()).isEqualTo(500);
        assertThat(host.lifecycle()).isEqualTo(HostLifecycle.DISCOVERED);
    }
}
