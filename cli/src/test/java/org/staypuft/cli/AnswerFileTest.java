package org.staypuft.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code answer-file}: from the listener's endpoint, or made from a registration token and the proxy's key. */
class AnswerFileTest {

    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG9yZ2FuaWNzdGF5cHVmdHByb3h5a2V5MDEyMzQ1Njc4 "
            + "staypuft-proxy";
    static final String TOKEN = "sp_reg_Q2xpZW50SW5zdGFsbGVyVG9rZW4xMjM0";

    @TempDir
    Path directory;

    ApiServer server;

    @BeforeEach
    void serveTokensAndKey() {
        server = ApiServer.start().json("POST", "/api/v1/registration-tokens", 201, """
                {"id":"0b8a6f1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b","token":"%s","description":"rack 4",
                 "createdAt":"2026-03-02T10:05:00Z","expiresAt":"2026-03-05T10:05:00Z"}""".formatted(TOKEN))
                .text("GET", "/api/v1/ssh/public-key", 200, "text/plain", KEY + "\n");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void withoutTheListenersEndpointTheFileIsMadeFromANewTokenAndTheProxysKey() throws Exception {
        // As a listener from before the endpoint answers an unknown route.
        server.json("POST", "/api/v1/answer-files", 404, "{\"error\":\"Not Found\"}");

        CliRun.Result result = new CliRun(directory).against(server, "answer-file", "--ttl", "P3D",
                "--puppet-server", "puppet.lab.example.com:8140", "--description", "rack 4", "-o", "rack4.answers");

        assertThat(result.exitCode()).isZero();
        Path file = directory.resolve("rack4.answers");
        assertThat(Files.readAllLines(file)).contains("registration_url=" + server.url() + "/api/v1/registrations",
                "registration_token=" + TOKEN, "proxy_public_key=" + KEY,
                "puppet_server=puppet.lab.example.com:8140");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        JsonNode tokenRequest = Output.JSON.readTree(server.requests("POST", "/api/v1/registration-tokens").get(0)
                .body());
        assertThat(tokenRequest.path("ttl").asText()).isEqualTo("P3D");
        assertThat(tokenRequest.path("description").asText()).isEqualTo("rack 4");
        assertThat(Files.readAllLines(file)).noneMatch(line -> line.startsWith("ssh_user="));
        assertThat(result.out()).contains("Answer file written to rack4.answers",
                "scp client-installer/staypuft-client-installer.sh rack4.answers root@HOST:",
                "sh staypuft-client-installer.sh --answers rack4.answers", "--dry-run",
                "of root, points the agent at puppet.lab.example.com:8140",
                "staypuft hosts list --kind registered");
        assertThat(result.err()).contains("only works on this machine", "--registration-url");
    }

    @Test
    void theListenersAnswerFileIsUsedWhenItHasTheEndpoint() {
        String made = "registration_url=https://staypuft.example.com/api/v1/registrations\nregistration_token="
                + TOKEN + "\nproxy_public_key=" + KEY + "\npuppet_server=puppet\n";
        server.text("POST", "/api/v1/answer-files", 201, "text/plain;charset=UTF-8", made);

        CliRun.Result result = new CliRun(directory).against(server, "answer-file");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo(made);
        assertThat(server.requests("POST", "/api/v1/answer-files").get(0).body())
                .as("only what was asked for: the listener knows its defaults").isEqualTo("{}");
        assertThat(result.err()).contains("Save the answer file above as client-installer.answers")
                .doesNotContain("only works on this machine");
        assertThat(server.requests("POST", "/api/v1/registration-tokens")).isEmpty();
    }

    @Test
    void theJsonResultCarriesTheFileOnlyWhenItIsNotWritten() throws Exception {
        CliRun cli = new CliRun(directory);

        CliRun.Result printed = cli.against(server, "answer-file", "--output", "json", "--registration-url",
                "https://staypuft.example.com/api/v1/registrations", "--ssh-user", "deploy");
        CliRun.Result written = cli.against(server, "answer-file", "--output", "json", "-o", "a.answers");

        JsonNode answer = Output.JSON.readTree(printed.out());
        assertThat(answer.path("madeBy").asText()).isEqualTo("cli");
        assertThat(answer.path("answers").path("registration_url").asText())
                .isEqualTo("https://staypuft.example.com/api/v1/registrations");
        assertThat(answer.path("answers").path("ssh_user").asText()).isEqualTo("deploy");
        assertThat(answer.path("answers").has("registration_token")).isFalse();
        assertThat(answer.path("content").asText()).contains("registration_token=" + TOKEN);
        assertThat(answer.has("warning")).isFalse();
        assertThat(printed.err()).isEmpty();
        JsonNode toFile = Output.JSON.readTree(written.out());
        assertThat(toFile.path("file").asText()).isEqualTo("a.answers");
        assertThat(toFile.has("content")).isFalse();
        assertThat(directory.resolve("a.answers")).content().contains("registration_token=" + TOKEN);
    }

    @Test
    void valuesTheInstallerWouldRefuseAreRefusedBeforeAnyTokenIsIssued() {
        CliRun cli = new CliRun(directory);

        CliRun.Result ttl = cli.against(server, "answer-file", "--ttl", "a week");
        CliRun.Result puppet = cli.against(server, "answer-file", "--puppet-server", "puppet; rm -rf /");

        assertThat(ttl.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(ttl.err()).contains("--ttl 'a week' is not an ISO-8601 duration");
        assertThat(puppet.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(puppet.err()).contains("is not a host name");
        assertThat(server.requests()).isEmpty();
    }
}
