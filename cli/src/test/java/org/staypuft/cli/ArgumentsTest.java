package org.staypuft.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Argument parsing, global options wherever they are written, the token's sources, and usage exit codes. */
class ArgumentsTest extends ServedCliTest {

    @Test
    void helpListsTheCommandsAndDocumentsTheExitCodes() {
        CliRun.Result result = new CliRun(directory).run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("deployments", "hosts", "deploy", "runs", "answer-file", "Exit codes:",
                "1    the run failed", "4    no token, token refused (401) or role missing (403)",
                "5    the run was cancelled");
    }

    @Test
    void usageErrorsExitWithTwoAndSayWhatIsWrong() {
        CliRun cli = new CliRun(directory);

        assertThat(cli.run()).satisfies(result -> assertThat(result.exitCode()).isEqualTo(2));
        assertThat(cli.run("frobnicate")).satisfies(result -> {
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).contains("Unmatched argument", "frobnicate");
        });
        assertThat(cli.run("deployments")).satisfies(result -> {
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).contains("Missing command: apply, export, list, show or delete");
        });
        assertThat(cli.run("runs", "skip", "run-1", "host-1")).satisfies(result -> {
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).contains("Missing required option: '--reason=TEXT'");
        });
        assertThat(cli.run("--output", "yaml", "deployments", "list")).satisfies(result -> {
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).contains("--output", "yaml");
        });
        assertThat(cli.run("deploy", "demo", "--watch", "--poll-interval", "soon")).satisfies(result -> {
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).contains("'soon' is not a duration");
        });
        assertThat(cli.run("hosts", "assign", "demo", "compute")).satisfies(result -> {
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).contains("HOST");
        });
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void theCompletionScriptCompletesCommandsAndTheValuesOfOptionsInARealBash() throws Exception {
        CliRun.Result result = new CliRun(directory).run("completion");
        assertThat(result.exitCode()).isZero();
        Path script = directory.resolve("staypuft-completion.bash");
        Files.writeString(script, result.out());

        assertThat(bashCompletes(script, "staypuft", "hos")).contains("hosts");
        assertThat(bashCompletes(script, "staypuft", "hosts", "list", "--state", ""))
                .contains("free", "assigned", "deploying", "deployed", "failed");
        assertThat(bashCompletes(script, "staypuft", "hosts", "list", "--kind", "")).contains("discovered",
                "registered");
    }

    /** What bash offers for the last word, through the generated completion function. */
    private static String bashCompletes(Path script, String... words) throws Exception {
        String array = Arrays.stream(words).map(word -> "'" + word + "'")
                .collect(Collectors.joining(" "));
        Process bash = new ProcessBuilder("bash", "-c", "source '" + script + "'; COMP_WORDS=(" + array
                + "); COMP_CWORD=" + (words.length - 1) + "; COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE};"
                + " _complete_staypuft; printf '%s\\n' \"${COMPREPLY[@]}\"").redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor()).as(output).isZero();
        return output;
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheCommand() throws Exception {
        CliRun cli = new CliRun(directory);

        CliRun.Result after = cli.run("deployments", "list", "--output", "json", "--orchestrator-url", server.url(),
                "--token", "t");
        CliRun.Result before = cli.run("--output", "json", "--orchestrator-url", server.url(), "--token", "t",
                "deployments", "list");

        for (CliRun.Result result : new CliRun.Result[]{after, before}) {
            assertThat(result.exitCode()).isZero();
            JsonNode listed = Output.JSON.readTree(result.out());
            assertThat(listed.findValuesAsText("name")).contains("demo", "lab");
            assertThat(result.err()).isEmpty();
        }
    }

    @Test
    void theTokenComesFromTheOptionTheEnvironmentTheWorkingDirectoryTheLaunchersRepositoryOrHome()
            throws Exception {
        Path repository = directory.resolve("repository");
        CliRun cli = new CliRun(directory).launchedFrom(repository);
        Files.createDirectories(cli.home().resolve(".staypuft"));
        Files.writeString(cli.home().resolve(".staypuft/token"), "home-token\n");

        cli.run("--orchestrator-url", server.url(), "deployments", "list");
        Files.createDirectories(repository.resolve(".staypuft"));
        Files.writeString(repository.resolve(".staypuft/token"), "stack-token\n");
        cli.run("--orchestrator-url", server.url(), "deployments", "list");
        Files.createDirectories(directory.resolve(".staypuft"));
        Files.writeString(directory.resolve(".staypuft/token"), "  local-token \n");
        cli.run("--orchestrator-url", server.url(), "deployments", "list");
        cli.variable("STAYPUFT_TOKEN", "env-token");
        cli.run("--orchestrator-url", server.url(), "deployments", "list");
        cli.run("--orchestrator-url", server.url(), "--token", "option-token", "deployments", "list");

        assertThat(server.requests()).extracting(request -> request.header("Authorization")).containsExactly(
                "Bearer home-token", "Bearer stack-token", "Bearer local-token", "Bearer env-token",
                "Bearer option-token");
    }

    @Test
    void withoutAnyTokenNoAuthorizationIsSentAndARefusalSaysHowToGetOne() {
        server.json("GET", "/api/v1/runs/run-1", 401, "");

        CliRun.Result result = new CliRun(directory).run("--orchestrator-url", server.url(), "runs", "show", "run-1");

        assertThat(server.requests().get(0).header("Authorization")).isNull();
        assertThat(result.exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(result.err()).contains("not authenticated", "without a token", "--token", "STAYPUFT_TOKEN",
                ".staypuft/token", "./staypuft up");
    }
}
