package org.staypuft.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.time.Duration;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.staypuft.simulator.enc.EncAccess;
import org.staypuft.simulator.ssh.OpenSshKeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Reboot through the discovery proxy, reinstallation with a new host key, and the built callback. */
class ProvisioningTest {

    private static final String ENC_SECRET = "the-puppet-servers-shared-secret-for-the-enc";

    private static final String TOKEN = "tK3n_5y8-AbCdEfGhIjKlMnOpQrStUvWxYz0123456";
    private static final String RUN = "puppet agent --onetime --detailed-exitcodes --environment production";

    private static HostSimulator simulator;
    private static TestSshClient ssh;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        simulator = HostSimulator.start();
        ssh = new TestSshClient();
    }

    @AfterAll
    static void stop() throws IOException {
        ssh.close();
        simulator.close();
    }

    private SimulatedHost host(String name) {
        SimulatedHost host = simulator.addHost(HostSpec.named(name).role("compute").discoveryProxy(0)
                .runDuration(Duration.ofMillis(20)).authorizedKey(ssh.publicKeyLine()).build());
        host.setInstallDuration(Duration.ofMillis(100));
        return host;
    }

    private int kexec(SimulatedHost host, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(host.proxyUrl() + "/power/kexec"))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    @Test
    void kexecWithTheTokenReinstallsWithANewKeyAndCallsBack() throws Exception {
        try (RecordingHttpServer registry = new RecordingHttpServer()) {
            registry.answer("/unattended/built", 200, "application/json", "{}");
            registry.answer("/api/v1/enc/", 200, "text/yaml", """
                    environment: "production"
                    classes:
                      puppet_management:
                        runmode: "none"
                      openstack::compute: {}
                    """);
            SimulatedHost host = host("kexec-build");
            host.useRegistry(registry.url(), new EncAccess(registry.url(), ENC_SECRET));
            assertThat(ssh.exec(host, RUN).exitCode()).isEqualTo(2);
            assertThat(ssh.exec(host, RUN).exitCode()).isZero();
            PublicKey discoveryKey = ssh.lastHostKey.get();

            // What the registry sends: its default append with the kickstart URL holding the token.
            assertThat(kexec(host, """
                    {"kernel": "http://boot/vmlinuz", "initram": "http://boot/initrd.img",
                     "append": "inst.ks=%s/unattended/provision?token=%s"}""".formatted(registry.url(), TOKEN)))
                    .isEqualTo(200);

            await().atMost(Duration.ofSeconds(10)).until(() -> host.lifecycle() == HostLifecycle.BUILT);
            RecordingHttpServer.Request callback = registry.requestsTo("/unattended/built").get(0);
            assertThat(callback.method()).isEqualTo("POST");
            assertThat(callback.query()).isEqualTo("token=" + TOKEN);
            JsonNode keys = new ObjectMapper().readTree(callback.body()).get("sshHostKeys");
            assertThat(keys).hasSize(1);
            PublicKey builtKey = OpenSshKeys.parse(keys.get(0).asText());
            assertThat(KeyUtils.compareKeys(builtKey, discoveryKey)).isFalse();
            assertThat(host.builtCallbackStatus()).isEqualTo(200);

            // The installed system presents the key of the callback, and its puppet state is fresh.
            TestSshClient.Result firstRun = ssh.exec(host, RUN);
            assertThat(KeyUtils.compareKeys(ssh.lastHostKey.get(), builtKey)).isTrue();
            assertThat(firstRun.exitCode()).isEqualTo(2);
            assertThat(host.agentServiceRunning()).isFalse();
        }
    }

    @Test
    void theRegistryIsFoundThroughTheKickstartUrlAndATokenInExtraArguments() throws Exception {
        try (RecordingHttpServer registry = new RecordingHttpServer()) {
            registry.answer("/unattended/built", 403, "application/json", "{\"error\": \"token used\"}");
            SimulatedHost host = host("kexec-extra");

            assertThat(kexec(host, """
                    {"kernel": "k", "initram": "i", "append": "inst.ks=%s/unattended/provision",
                     "extra": ["staypuft.token=%s"]}""".formatted(registry.url(), TOKEN))).isEqualTo(200);

            await().atMost(Duration.ofSeconds(10)).until(() -> host.lifecycle() == HostLifecycle.BUILT);
            assertThat(registry.requestsTo("/unattended/built").get(0).query()).isEqualTo("token=" + TOKEN);
            assertThat(host.builtCallbackStatus()).isEqualTo(403);
        }
    }

    @Test
    void aPlainRebootCarriesNoTokenAndStaysProvisioning() throws Exception {
        try (RecordingHttpServer registry = new RecordingHttpServer()) {
            SimulatedHost host = host("plain-reboot");
            host.useRegistry(registry.url(), new EncAccess(registry.url(), ENC_SECRET));
            String keyBefore = host.hostKeyLine();

            int status = http.send(HttpRequest.newBuilder(URI.create(host.proxyUrl() + "/power/reboot"))
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode();

            assertThat(status).isEqualTo(200);
            assertThat(host.lifecycle()).isEqualTo(HostLifecycle.PROVISIONING);
            // Nothing is scheduled: no callback ever reaches the registry and the key stays.
            await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2))
                    .until(() -> registry.requests().isEmpty());
            assertThat(host.hostKeyLine()).isEqualTo(keyBefore);
        }
    }
}
