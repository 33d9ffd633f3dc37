package org.staypuft.registry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.EventType;
import org.staypuft.events.host.HostBuilt;
import org.staypuft.events.host.HostConfigurationApplied;
import org.staypuft.events.host.HostConfigurationChanged;
import org.staypuft.events.host.HostRegistered;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.events.provisioning.ProvisioningRequested;
import org.staypuft.events.provisioning.RebootCompleted;
import org.staypuft.events.provisioning.RequestReboot;
import org.staypuft.registry.TestProvisioning.Provisioned;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.staypuft.registry.TestHosts.TIMEOUT;
import static org.staypuft.registry.TestHosts.awaitHost;
import static org.staypuft.registry.TestHosts.event;
import static org.staypuft.registry.TestProvisioning.BASE_URL;
import static org.staypuft.registry.TestProvisioning.PROXY_KEY;

/**
 * A discovered host from the provisioning request to the built callback, as the runner, the installer and the
 * orchestrator see it: the reboot command, the rendered templates, the callback and the events it publishes.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ProvisioningTest {

    private static final String KICKSTART = "/unattended/provision";
    private static final String USER_DATA = "/unattended/user-data";
    private static final String BUILT = "/unattended/built";
    private static final Path OPERATOR_TEMPLATES = Path.of("target/operator-templates");

    /** The installed system's host keys as their .pub files have them, comment included. */
    private static final String INSTALLED_ED25519 = "ssh-ed25519 "
            + "AAAAC3NzaC1lZDI1NTE5AAAAIK9xc1OAlbUntFDC8Ujvc2PQRifUE8CAamjxdUEyPh+Q root@installed";
    private static final String INSTALLED_ECDSA = "ecdsa-sha2-nistp256 " + TestHosts.ECDSA.key() + " root@installed";

    private final KafkaTestClient kafka = KafkaTestClient.ofTestBroker();

    @Inject
    DataSource dataSource;

    @Test
    void provisioningRequestIssuesABuildTokenAndAsksForARebootThroughTheDiscoveryProxy() {
        Provisioned host = TestProvisioning.provision(kafka);
        String ipv4 = TestHosts.snapshot(host.hostId()).ipv4();

        RequestReboot reboot = host.reboot();
        assertThat(reboot.requestId()).isEqualTo(host.stepId());
        assertThat(reboot.stepId()).isEqualTo(host.stepId());
        assertThat(reboot.deploymentId()).isEqualTo(host.deploymentId());
        assertThat(reboot.runId()).isEqualTo("run-" + host.hostId());
        assertThat(reboot.proxyUrl()).isEqualTo("https://" + ipv4 + ":8443");
        assertThat(reboot.kexecKernel()).isEqualTo("http://mirror.test.example/pxeboot/vmlinuz");
        assertThat(reboot.kexecInitram()).isEqualTo("http://mirror.test.example/pxeboot/initrd.img");
        assertThat(reboot.kexecAppend())
                .isEqualTo("inst.ks=" + BASE_URL + KICKSTART + "?token=" + host.token() + " inst.text");
        assertThat(reboot.timeoutSeconds()).isEqualTo(60);
        assertThat(reboot.notAfter()).as("the orchestrator's start limit, passed on")
                .isEqualTo(TestProvisioning.NOT_AFTER);
        awaitHost(host.hostId(), "environment", is("production"), "build", is(true), "runmode", is("none"));
    }

    @Test
    void kickstartAuthorisesTheProxyKeyKeepsTheAgentDisabledAndEndsWithTheCallback() throws Exception {
        Provisioned host = TestProvisioning.provision(kafka);

        String kickstart = given().queryParam("token", host.token()).get(KICKSTART).then()
                .statusCode(200)
                .contentType(ContentType.TEXT)
                .extract().asString();
        assertThat(kickstart)
                .contains("network --bootproto=dhcp --hostname=" + host.hostId())
                .contains("services --disabled=puppet")
                .contains("proxy_key='" + PROXY_KEY + "'")
                .contains("puppet_server='puppet.test.example:8140'")
                .contains("systemctl disable --now puppet")
                .doesNotContain("systemctl enable")
                .contains("curl -fsS -X POST -H 'Content-Type: application/json' "
                        + "--data \"{\\\"sshHostKeys\\\": [$host_keys]}\" --retry 10 --retry-delay 10 '" + BASE_URL
                        + BUILT
                        + "?token=" + host.token() + "'\n%end");

        // The same script in cloud-init, indented into valid YAML; the bearer header works as well as the query.
        String userData = given().header("Authorization", "Bearer " + host.token()).get(USER_DATA).then()
                .statusCode(200)
                .extract().asString();
        assertThat(userData).startsWith("#cloud-config");
        JsonNode cloudConfig = new YAMLMapper().readTree(userData);
        assertThat(cloudConfig.path("hostname").asText()).isEqualTo(host.hostId());
        String finishScript = cloudConfig.path("write_files").path(0).path("content").asText();
        assertThat(finishScript).contains("systemctl disable --now puppet", PROXY_KEY,
                BASE_URL + BUILT + "?token=" + host.token());
        assertThat(kickstart).contains(finishScript.strip());
        assertShellcheckClean(finishScript);
    }

    /**
     * The rendered finish.sh executed for real, as root, in its own mount namespace (its own {@code /root},
     * {@code /etc/ssh} and {@code /run}) with recording stand-ins for puppet, the init tools and curl: with systemd
     * running it uses systemctl; without ({@code /run/systemd/system} absent: a container, sysvinit) the init script
     * and its links, as the client installer does. Either way the agent is pointed at host and port separately.
     */
    @Test
    void finishScriptDisablesTheAgentWithSystemctlOnlyWhereSystemdRunsAndSplitsTheServersPort() throws Exception {
        assumeThat(System.getProperty("user.name")).as("root, for a mount namespace").isEqualTo("root");
        Provisioned host = TestProvisioning.provision(kafka);
        String userData = given().header("Authorization", "Bearer " + host.token()).get(USER_DATA).then()
                .statusCode(200).extract().asString();
        String finishScript = new YAMLMapper().readTree(userData).path("write_files").path(0).path("content")
                .asText();

        List<String> withSystemd = runFinishScript(finishScript, true);
        List<String> withoutSystemd = runFinishScript(finishScript, false);

        for (List<String> calls : List.of(withSystemd, withoutSystemd)) {
            assertThat(calls).contains("puppet config set --section agent server puppet.test.example",
                    "puppet config set --section agent serverport 8140",
                    "puppet config set --section main certname " + host.hostId());
            assertThat(calls).anyMatch(call -> call.startsWith("curl ") && call.contains(BUILT));
        }
        assertThat(withSystemd).contains("systemctl unmask puppet", "systemctl disable --now puppet")
                .noneMatch(call -> call.startsWith("service ") || call.startsWith("update-rc.d "));
        assertThat(withoutSystemd).contains("service puppet stop", "update-rc.d puppet disable")
                .noneMatch(call -> call.startsWith("systemctl "));
    }

    /** @return the stand-ins' calls, in order, as {@code name args} */
    private static List<String> runFinishScript(String finishScript, boolean systemdRuns) throws Exception {
        Path sandbox = Files.createTempDirectory("finish-sandbox");
        Path bin = Files.createDirectories(sandbox.resolve("bin"));
        Files.createDirectories(sandbox.resolve("root"));
        Files.createDirectories(sandbox.resolve("etc-ssh"));
        Path calls = sandbox.resolve("calls");
        for (String tool : List.of("puppet", "systemctl", "service", "update-rc.d", "chkconfig", "curl")) {
            Path stand = bin.resolve(tool);
            Files.writeString(stand, "#!/bin/sh\necho \"" + tool + " $*\" >>" + calls + "\n");
            stand.toFile().setExecutable(true);
        }
        Path script = sandbox.resolve("finish.sh");
        Files.writeString(script, finishScript);
        String inside = "set -e; mount -t tmpfs tmpfs /run; mount --bind " + sandbox.resolve("root") + " /root; "
                + "mount --bind " + sandbox.resolve("etc-ssh") + " /etc/ssh; "
                + (systemdRuns ? "mkdir -p /run/systemd/system; " : "")
                + "PATH=" + bin + ":/usr/sbin:/usr/bin:/sbin:/bin sh " + script;
        Process process = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c", inside)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(sandbox.resolve("root/.ssh/authorized_keys")).content().contains(PROXY_KEY);
        assertThat(sandbox.resolve("etc-ssh/ssh_host_ed25519_key.pub")).exists();
        return Files.readAllLines(calls);
    }

    @Test
    void builtCallbackPublishesHostBuiltWithTheNewKeysAndTheTokenWorksOnce() {
        Provisioned host = TestProvisioning.provision(kafka);

        // A broken body is refused with its field named, and leaves the token usable.
        given().queryParam("token", host.token()).contentType(ContentType.JSON)
                .body("{\"sshHostKeys\": [\"ssh-dss AAAAB3NzaC1kc3MAAACBAP\"]}")
                .post(BUILT).then()
                .statusCode(400)
                .body("field", is("sshHostKeys[0]"), "detail", containsString("ssh-dss"));

        given().header("Authorization", "Bearer " + host.token()).contentType(ContentType.JSON)
                .body(callbackBody(INSTALLED_ED25519, INSTALLED_ECDSA))
                .post(BUILT).then()
                .statusCode(200)
                .body("hostId", is(host.hostId()), "sshHostKeys.algorithm",
                        is(List.of("ssh-ed25519", "ecdsa-sha2-nistp256")));

        List<SshHostKey> installed = List.of(new SshHostKey("ssh-ed25519", INSTALLED_ED25519.split(" ")[1]),
                new SshHostKey("ecdsa-sha2-nistp256", TestHosts.ECDSA.key()));
        HostBuilt built = TestHosts.awaitEvent(kafka, EventType.HOST_BUILT, host.hostId(), (HostBuilt any) -> true);
        assertThat(built).isEqualTo(new HostBuilt(host.hostId(), host.deploymentId(), installed));
        awaitHost(host.hostId(), "build", is(false), "sshHostKeysSource", is("build-callback"),
                "sshHostKeys.key", is(installed.stream().map(SshHostKey::key).toList()));

        // Replayed: refused, for the callback and the templates alike.
        given().queryParam("token", host.token()).contentType(ContentType.JSON)
                .body(callbackBody(TestHosts.ED25519.openSshLine()))
                .post(BUILT).then()
                .statusCode(403);
        given().queryParam("token", host.token()).get(KICKSTART).then().statusCode(403);

        // Nothing changed: once a later event of the host is out, no second HostBuilt precedes it, keys are as built.
        awaitMarker(host);
        assertThat(TestHosts.eventsOf(kafka, EventType.HOST_BUILT, host.hostId())).hasSize(1);
        TestHosts.asViewer().get(TestHosts.HOSTS + "/{id}", host.hostId()).then()
                .statusCode(200)
                .body("build", is(false), "sshHostKeys.key", is(installed.stream().map(SshHostKey::key).toList()));
    }

    @Test
    void unknownAndExpiredTokensAreRefusedAndChangeNothing() throws Exception {
        Provisioned host = TestProvisioning.provision(kafka);
        String unknown = "A".repeat(43);
        given().queryParam("token", unknown).get(KICKSTART).then()
                .statusCode(403)
                .body("detail", containsString("unknown, expired or already used"));
        given().queryParam("token", unknown).get(USER_DATA).then().statusCode(403);
        given().post(BUILT).then().statusCode(403);

        String expired = "expired-" + "B".repeat(35);
        insertExpiredToken(expired, host.hostId());
        given().queryParam("token", expired).get(KICKSTART).then().statusCode(403);
        given().queryParam("token", expired).contentType(ContentType.JSON)
                .body(callbackBody(INSTALLED_ED25519)).post(BUILT).then()
                .statusCode(403);

        awaitMarker(host);
        assertThat(TestHosts.eventsOf(kafka, EventType.HOST_BUILT, host.hostId())).isEmpty();
        awaitHost(host.hostId(), "build", is(true), "sshHostKeysSource", is("discovery-image"));
    }

    @Test
    void aRegisteredHostIsNotRebootedAndTheRunLearnsItAtOnce() {
        String id = TestHosts.newHostId();
        String deployment = TestHosts.newDeploymentId();
        kafka.send(event(new HostRegistered(id, TestHosts.registeredSnapshot(id), null)));
        kafka.send(event(new ProvisioningRequested(id, deployment, "run-" + id, "step-" + id)));

        RebootCompleted refused = TestHosts.awaitEvent(kafka, EventType.REBOOT_COMPLETED, id,
                (RebootCompleted any) -> true);
        assertThat(refused.requestId()).isEqualTo("step-" + id);
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.reason()).contains("registered");
        assertThat(TestHosts.eventsOf(kafka, EventType.REBOOT_REQUESTED, id)).isEmpty();
        awaitHost(id, "environment", is("discovery"), "build", is(false));
    }

    @Test
    void anOperatorTemplateReplacesTheShippedOneFromTheNextRequestOn() throws Exception {
        Provisioned host = TestProvisioning.provision(kafka);
        Path override = OPERATOR_TEMPLATES.resolve("kickstart.ks");
        Files.createDirectories(OPERATOR_TEMPLATES);
        try {
            Files.writeString(override, """
                    # site kickstart for {hostName}
                    %post
                    {finishScript}
                    %end
                    """);
            given().queryParam("token", host.token()).get(KICKSTART).then()
                    .statusCode(200)
                    .body(containsString("# site kickstart for " + host.hostId()),
                            containsString("systemctl disable --now puppet"));

            // A mistake in it is the operator's to see, with the file named.
            Files.writeString(override, "{hostname.nothing}\n");
            given().queryParam("token", host.token()).get(KICKSTART).then()
                    .statusCode(500)
                    .body("detail", containsString(override.toString()));
        } finally {
            Files.deleteIfExists(override);
        }
        given().queryParam("token", host.token()).get(KICKSTART).then()
                .statusCode(200)
                .body(containsString("# Staypuft kickstart for " + host.hostId()));
    }

    /** A configuration change of the host, acknowledged by the registry: everything published before it is out. */
    private void awaitMarker(Provisioned host) {
        EventEnvelope marker = event(new HostConfigurationChanged(host.hostId(), host.deploymentId(), null, null));
        kafka.send(marker);
        TestHosts.awaitEvent(kafka, EventType.HOST_CONFIGURATION_APPLIED, host.hostId(),
                (HostConfigurationApplied applied) -> marker.id().equals(applied.causationId()));
    }

    private static String callbackBody(String... lines) {
        return "{\"sshHostKeys\": [" + String.join(", ", List.of(lines).stream().map(l -> "\"" + l + "\"").toList())
                + "]}";
    }

    /** A token as the registry would have stored it, but past its expiry. */
    private void insertExpiredToken(String token, String hostId) throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.US_ASCII)));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO build_token (token_hash, "
                        + "host_id, step_id, issued_at, expires_at) VALUES (?, ?, 'expired-step', "
                        + "now() - interval '5 hours', now() - interval '1 hour')")) {
            insert.setString(1, hash);
            insert.setString(2, hostId);
            insert.executeUpdate();
        }
    }

    private static void assertShellcheckClean(String script) throws Exception {
        assumeThat(Path.of("/usr/bin/shellcheck")).as("shellcheck (.ci/install-packages)").exists();
        Path file = Files.createTempFile("finish", ".sh");
        Files.writeString(file, "#!/bin/sh\n" + script);
        Process shellcheck = new ProcessBuilder("shellcheck", file.toString()).redirectErrorStream(true).start();
        assertThat(shellcheck.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        String findings = new String(shellcheck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shellcheck.exitValue()).as(findings).isZero();
    }
}
