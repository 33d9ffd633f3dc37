package org.staypuft.listener;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shell scripts hosts and the puppet server run stay POSIX sh and shellcheck clean. */
class ShellScriptsTest {

    static final Path CLIENT_INSTALLER = Path.of("../client-installer/staypuft-client-installer.sh");
    static final Path ENC_SCRIPT = Path.of("../host-registry/src/main/puppet/staypuft-enc");

    @Test
    void shellcheckFindsNothingInTheClientInstallerAndTheEncScript() throws Exception {
        Tools.require("shellcheck");
        assertThat(CLIENT_INSTALLER).isRegularFile();
        assertThat(ENC_SCRIPT).isRegularFile();

        Process shellcheck = new ProcessBuilder("shellcheck", "--shell=sh", "--severity=style",
                CLIENT_INSTALLER.toString(), ENC_SCRIPT.toString()).redirectErrorStream(true).start();
        assertThat(shellcheck.waitFor(60, TimeUnit.SECONDS)).as("shellcheck finished").isTrue();
        String findings = new String(shellcheck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shellcheck.exitValue()).as("shellcheck findings:%n%s", findings).isZero();
        assertThat(findings).isEmpty();
    }
}
