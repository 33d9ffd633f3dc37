package org.staypuft.registry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The exec terminus script stays portable: shellcheck clean, usage errors with their own exit code. */
class EncScriptTest {

    private static final Path SCRIPT = Path.of("src/main/puppet/staypuft-enc");

    @Test
    void shellcheckFindsNothing() throws Exception {
        assumeThat(Path.of("/usr/bin/shellcheck")).as("shellcheck (.ci/install-packages)").exists();
        Result result = run("shellcheck", SCRIPT.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void refusesWhatIsNoCertnameWithoutCallingAnybody() throws Exception {
        Result traversal = run("sh", SCRIPT.toString(), "--url", "http://127.0.0.1:9/api/v1/enc", "../etc");
        assertThat(traversal.exitCode()).isEqualTo(1);
        assertThat(traversal.output()).contains("is not a certname");
        assertThat(run("sh", SCRIPT.toString()).exitCode()).isEqualTo(2);
        // Nothing listens on the discard port: unreachable has its own code.
        assertThat(run("sh", SCRIPT.toString(), "--url", "http://127.0.0.1:9/api/v1/enc", "--secret-file",
                "src/test/resources/enc.secret", "mac001122334455").exitCode()).isEqualTo(3);
    }

    @Test
    void refusesToAskWithoutAUsableSecret() throws Exception {
        Result missing = run("sh", SCRIPT.toString(), "--url", "http://127.0.0.1:9/api/v1/enc", "--secret-file",
                "/nonexistent/enc.secret", "mac001122334455");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.output()).contains("cannot read the shared secret from /nonexistent/enc.secret");
        Result invalid = run("sh", SCRIPT.toString(), "--url", "http://127.0.0.1:9/api/v1/enc", "--secret-file",
                SCRIPT.toString(), "mac001122334455");
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.output()).contains("holds no valid secret");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8));
    }
}
