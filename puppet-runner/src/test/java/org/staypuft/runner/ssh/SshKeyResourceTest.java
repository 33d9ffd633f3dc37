package org.staypuft.runner.ssh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.staypuft.events.puppet.RequestPuppetRun;
import org.staypuft.events.puppet.RunOutcome;
import org.staypuft.runner.support.RunnerTestKit;
import org.staypuft.simulator.SimulatedHost;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;
import org.staypuft.testsupport.StaypuftTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.staypuft.runner.support.RunnerTestKit.runOn;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class SshKeyResourceTest {

    @ConfigProperty(name = "staypuft.runner.ssh.key-path")
    Path keyPath;

    private final RunnerTestKit kit = RunnerTestKit.get();

    private static RequestSpecification asViewer() {
        return given().auth().oauth2(StaypuftTokens.viewer("runner-test-viewer"));
    }

    private static RequestSpecification asOperator() {
        return given().auth().oauth2(StaypuftTokens.operator("runner-test-operator"));
    }

    @Test
    void thePublicKeyIsServedAsAnAuthorizedKeysLine() throws Exception {
        String line = asViewer().get("/api/v1/ssh/public-key").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/plain"))
                .body(matchesPattern("ssh-ed25519 AAAA[A-Za-z0-9+/=]+ staypuft-puppet-runner\n"))
                .extract().asString();

        assertThat(Files.readString(keyPath.resolveSibling(keyPath.getFileName() + ".pub"))).isEqualTo(line);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyPath))).isEqualTo("rw-------");
        assertThat(Files.readString(keyPath)).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
    }

    @Test
    void aPinnedHostKeyCanBeReadAndForgotten() {
        SimulatedHost host = kit.host("generic");
        RequestPuppetRun first = runOn(host, "production");
        kit.send(first);
        assertThat(kit.awaitCompletion(first.requestId()).outcome()).isEqualTo(RunOutcome.CHANGED);

        asViewer().get("/api/v1/ssh/pinned-host-keys/{hostId}", RunnerTestKit.hostIdOf(host)).then().statusCode(200)
                .body(equalTo(host.hostKeyLine() + "\n"));
        host.changeHostKey();
        asOperator().delete("/api/v1/ssh/pinned-host-keys/{hostId}", RunnerTestKit.hostIdOf(host)).then()
                .statusCode(204);
        asViewer().get("/api/v1/ssh/pinned-host-keys/{hostId}", RunnerTestKit.hostIdOf(host)).then().statusCode(404);

        RequestPuppetRun afterReinstall = runOn(host, "production");
        kit.send(afterReinstall);
        assertThat(kit.awaitCompletion(afterReinstall.requestId()).outcome()).isEqualTo(RunOutcome.UNCHANGED);
        asViewer().get("/api/v1/ssh/pinned-host-keys/{hostId}", RunnerTestKit.hostIdOf(host)).then().statusCode(200)
                .body(equalTo(host.hostKeyLine() + "\n"));
    }
}
