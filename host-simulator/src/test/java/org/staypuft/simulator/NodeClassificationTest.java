package org.staypuft.simulator;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.staypuft.simulator.enc.EncAccess;
import org.staypuft.simulator.puppet.Runmode;

import static org.assertj.core.api.Assertions.assertThat;

/** Simulated puppet runs classified by a registry's ENC (a real HTTP server answering ENC YAML). */
class NodeClassificationTest {

    private static final String ENC_SECRET = "the-puppet-servers-shared-secret-for-the-enc";

    private static final String RUN = "puppet agent --onetime --no-daemonize --no-usecacheonfailure "
            + "--detailed-exitcodes";

    private static HostSimulator simulator;
    private static TestSshClient ssh;

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

    private static String enc(String environment, String runmode, String roleClass) {
        return """
                ---
                environment: "%s"
                classes:
                  puppet_management:
                    runmode: "%s"
                %s
                parameters:
                  staypuft_role: "compute"
                """.formatted(environment, runmode, roleClass == null ? "" : "  " + roleClass + ": {}");
    }

    private SimulatedHost classifiedHost(String name, RecordingHttpServer registry) {
        // A generic host by the Java API: the ENC's role classes decide its catalog.
        SimulatedHost host = simulator.addHost(HostSpec.named(name).runDuration(Duration.ofMillis(20))
                .authorizedKey(ssh.publicKeyLine()).build());
        host.useRegistry(registry.url(), new EncAccess(registry.url(), ENC_SECRET));
        return host;
    }

    @Test
    void runmodeFromTheEncDecidesWhetherServicePuppetChanges() throws IOException {
        try (RecordingHttpServer registry = new RecordingHttpServer()) {
            SimulatedHost host = classifiedHost("enc-runmode", registry);
            String encPath = "/api/v1/enc/" + host.certname();
            registry.answer(encPath, 200, "text/yaml", enc("production", "none", "openstack::compute"));

            TestSshClient.Result first = ssh.exec(host, RUN);

            assertThat(first.exitCode()).isEqualTo(2);
            assertThat(first.stdout()).contains("Info: Using environment 'production'")
                    .contains("Package[openstack-nova-compute]/ensure: created")
                    .doesNotContain("Service[puppet]/ensure");
            assertThat(host.agentServiceRunning()).isFalse();
            assertThat(ssh.exec(host, RUN).exitCode()).isZero();

            registry.answer(encPath, 200, "text/yaml", enc("production", "service", "openstack::compute"));
            TestSshClient.Result enabling = ssh.exec(host, RUN);

            assertThat(enabling.exitCode()).isEqualTo(2);
            assertThat(enabling.stdout()).contains("Service[puppet]/ensure: ensure changed 'stopped' to 'running'")
                    .doesNotContain("Package[openstack-nova-compute]/ensure");
            assertThat(host.agentServiceRunning()).isTrue();
            assertThat(host.agent().runmode()).isEqualTo(Runmode.SERVICE);
            assertThat(registry.requestsTo(encPath)).hasSize(3).allSatisfy(request -> {
                assertThat(request.method()).isEqualTo("GET");
                assertThat(request.authorization()).isEqualTo("Bearer " + ENC_SECRET);
            });
        }
    }

    @Test
    void theEncsEnvironmentIsUsedUnlessTheCommandLineNamesOne() throws IOException {
        try (RecordingHttpServer registry = new RecordingHttpServer()) {
            SimulatedHost host = classifiedHost("enc-environment", registry);
            registry.answer("/api/v1/enc/", 200, "text/yaml", enc("discovery", "none", null));

            TestSshClient.Result discovery = ssh.exec(host, RUN);
            TestSshClient.Result production = ssh.exec(host, RUN + " --environment production");

            // discovery lists only puppet_management: nothing of the role changes.
            assertThat(discovery.exitCode()).isZero();
            assertThat(discovery.stdout()).contains("Info: Using environment 'discovery'");
            assertThat(host.agent().lastClassification().environment()).isEqualTo("discovery");
            // The runner's --environment wins, as with real puppet's command line; the ENC lists no role classes.
            assertThat(production.stdout()).contains("Info: Using environment 'production'");
        }
    }

    @Test
    void aRunFailsLikePuppetWhenTheEncDoesNotClassifyTheNode() throws IOException {
        try (RecordingHttpServer registry = new RecordingHttpServer()) {
            SimulatedHost host = classifiedHost("enc-unknown", registry);
            registry.answer("/api/v1/enc/", 404, "application/json", "{\"error\": \"no host " + host.certname()
                    + "\"}");

            TestSshClient.Result refused = ssh.exec(host, RUN + " --environment production");

            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.stderr()).contains("Error: Could not retrieve catalog from remote server: "
                    + "Error 500 on SERVER").contains("Failed to find " + host.certname() + " via exec")
                    .contains("404").contains("Error: Could not retrieve catalog; skipping run");
            assertThat(host.agent().file("/var/lib/puppet/state/last_run_summary.yaml")).isEmpty();
            assertThat(host.agent().runInProgress()).isFalse();
        }
    }

    @Test
    void withoutARegistryTheJavaApiDecides() throws IOException {
        SimulatedHost host = simulator.addHost(HostSpec.named("no-registry").role("compute")
                .runDuration(Duration.ofMillis(20)).authorizedKey(ssh.publicKeyLine()).build());
        host.setRunmode(Runmode.SERVICE);

        TestSshClient.Result run = ssh.exec(host, RUN + " --environment production");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).contains("Service[puppet]/ensure: ensure changed 'stopped' to 'running'");
        assertThat(ssh.exec(host, "puppet config print certname").stdout()).isEqualTo("no-registry\n");
    }
}
