package org.staypuft.cli;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The services' error bodies become their message (never a stack trace), with the right exit code. */
class ErrorMessagesTest extends ServedCliTest {

    static final String DEMO_ID = DeploymentsTest.DEMO_ID;

    @Test
    void aConflictShowsTheOrchestratorsMessageAndField() {
        server.json("POST", "/api/v1/deployments/" + DEMO_ID + "/runs", 409,
                """
                        {"status":409,"title":"Conflict","errors":[{"field":"id","message":"deployment demo has an active run 5f0c2a7e"}]}""");

        CliRun.Result result = new CliRun(directory).against(server, "deploy", "demo");

        assertThat(result.exitCode()).isEqualTo(ExitCode.SERVICE);
        assertThat(result.err()).isEqualTo("Error: from the orchestrator: Conflict: deployment demo has an active run "
                + "5f0c2a7e [id]" + System.lineSeparator());
        assertThat(result.out()).isEmpty();
    }

    @Test
    void notFoundShowsWhatWasNotFound() {
        server.json("GET", "/api/v1/runs/nope", 404, """
                {"status":404,"title":"Not found","errors":[{"field":"runId","message":"no run nope"}]}""");

        CliRun.Result result = new CliRun(directory).against(server, "runs", "show", "nope");

        assertThat(result.exitCode()).isEqualTo(ExitCode.SERVICE);
        assertThat(result.err()).contains("Error: from the orchestrator: Not found: no run nope [runId]");
    }

    @Test
    void aRefusedTokenSaysWhichTokenAndHowToGetAnother() {
        server.json("POST", "/api/v1/runs/run-1/cancel", 401, "");

        CliRun.Result result = new CliRun(directory).against(server, "runs", "cancel", "run-1");

        assertThat(result.exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(result.err()).contains("not authenticated", "refused the token from --token",
                "put an operator token in .staypuft/token", "./staypuft up writes a fresh one there");
    }

    @Test
    void aMissingRoleSaysWhichRoleIsNeeded() {
        server.json("POST", "/api/v1/runs/run-1/cancel", 403, "");

        CliRun.Result result = new CliRun(directory).variable("STAYPUFT_TOKEN", "viewer-token")
                .run("--orchestrator-url", server.url(), "runs", "cancel", "run-1");

        assertThat(result.exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(result.err()).contains("forbidden: the token from $STAYPUFT_TOKEN lacks the role",
                "changes need 'operator'");
    }

    @Test
    void theProblemBodyOfEveryServiceIsRead() {
        server.json("GET", "/api/v1/hosts", 400,
                """
                        {"type":"urn:staypuft:problem:invalid-request","title":"Invalid request","status":400,"detail":"role must be at most 63 characters","field":"role"}""")
                .json("POST", "/api/v1/answer-files", 400,
                        """
                                {"type":"urn:staypuft:problem:invalid-request","status":400,"detail":"ttl is longer than the longest allowed (P365D)","field":"ttl"}""");
        CliRun cli = new CliRun(directory);

        CliRun.Result hosts = cli.against(server, "hosts", "list", "--role", "r".repeat(64));
        CliRun.Result answers = cli.against(server, "answer-file", "--ttl", "P999D");

        assertThat(hosts.exitCode()).isEqualTo(ExitCode.SERVICE);
        assertThat(hosts.err())
                .contains("Error: from the host registry: Invalid request: role must be at most 63 characters [role]");
        assertThat(answers.exitCode()).isEqualTo(ExitCode.SERVICE);
        assertThat(answers.err()).contains(
                "Error: from the discovery listener: ttl is longer than the longest allowed (P365D) [ttl]");
    }

    @Test
    void aMisspeltFilterIsAUsageErrorThatNamesTheAllowedValuesAndAsksNothing() {
        CliRun cli = new CliRun(directory);

        CliRun.Result state = cli.against(server, "hosts", "list", "--state", "bogus");
        CliRun.Result kind = cli.against(server, "hosts", "list", "--kind", "bare-metal");

        assertThat(state.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(state.err()).contains("--state", "bogus", "free, assigned, deploying, deployed, failed");
        assertThat(kind.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(kind.err()).contains("--kind", "bare-metal", "discovered, registered");
        assertThat(server.requests("GET", "/api/v1/hosts")).isEmpty();
    }

    @Test
    void aServerErrorWithoutAnErrorBodySaysWhereToLook() {
        server.text("GET", "/api/v1/runs/run-1", 500, "text/html", "<html><body>Internal Server Error</body></html>");

        CliRun.Result result = new CliRun(directory).against(server, "runs", "show", "run-1");

        assertThat(result.exitCode()).isEqualTo(ExitCode.SERVICE);
        assertThat(result.err()).contains("the orchestrator (" + server.url() + ") answered HTTP 500; see its log");
    }

    @Test
    void anUnreachableServiceIsNamedWithItsUrlAndHowToStartIt() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;

        CliRun.Result result = new CliRun(directory).run("--orchestrator-url", url, "deployments", "list");
        CliRun.Result registry = new CliRun(directory).run("--registry-url", url, "hosts", "list");

        assertThat(result.exitCode()).isEqualTo(ExitCode.SERVICE);
        assertThat(result.err()).isEqualTo("Error: cannot reach the orchestrator at " + url
                + " (connection refused). Is Staypuft running? Start it with ./staypuft up, or point "
                + "--orchestrator-url at it." + System.lineSeparator());
        assertThat(registry.err()).contains("cannot reach the host registry at " + url, "--registry-url");
    }

    @Test
    void inJsonModeTheErrorIsAJsonDocumentOnStderrAndStdoutStaysEmpty() throws Exception {
        server.json("POST", "/api/v1/deployments/" + DEMO_ID + "/runs", 409, """
                {"status":409,"title":"Conflict","errors":[{"field":"id","message":"a run is active"}]}""");

        CliRun.Result result = new CliRun(directory).against(server, "deploy", "demo", "--output", "json");

        assertThat(result.exitCode()).isEqualTo(ExitCode.SERVICE);
        assertThat(result.out()).isEmpty();
        JsonNode error = Output.JSON.readTree(result.err()).path("error");
        assertThat(error.path("status").asInt()).isEqualTo(409);
        assertThat(error.path("service").asText()).isEqualTo("orchestrator");
        assertThat(error.path("exitCode").asInt()).isEqualTo(3);
        assertThat(error.path("problems").get(0).path("field").asText()).isEqualTo("id");
        assertThat(error.path("problems").get(0).path("message").asText()).isEqualTo("a run is active");
    }
}
