package org.staypuft.listener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host the client installer runs on, for real but contained: its files live under a fake root directory
 * ({@code STAYPUFT_ROOT}), a fake {@code systemctl}, {@code facter} and {@code sshd} come first on {@code PATH}, and
 * the SSH host keys in {@code <root>/etc/ssh} are real keys. The fake systemctl records its calls and behaves like systemd for a
 * puppet service that starts active and enabled: once stopped and disabled, it says so.
 */
final class FakeHost {

    static final String FACTER_JSON = """
            {"os": {"family": "RedHat", "name": "Rocky", "release": {"major": "9", "full": "9.4"}},
             "dmi": {"manufacturer": "Dell Inc.", "product": {"name": "PowerEdge R640"}},
             "processors.count": 8, "memory.system.total_bytes": 17179869184}""";

    private static final String SYSTEMCTL = """
            #!/bin/sh
            # Fake systemctl: records each call; a puppet service that is active and enabled until told otherwise.
            here="$(dirname "$0")"
            printf '%s\\n' "$*" >>"$here/systemctl.calls"
            verb=
            for argument in "$@"; do
              case "$argument" in
                -*) ;;
                *) [ -n "$verb" ] || verb="$argument" ;;
              esac
            done
            case "$verb" in
              is-active) [ ! -e "$here/puppet.stopped" ] || exit 3 ;;
              is-enabled) [ ! -e "$here/puppet.disabled" ] || exit 1 ;;
              stop) : >"$here/puppet.stopped" ;;
              disable) : >"$here/puppet.disabled" ;;
              *) echo "fake systemctl: unexpected call: $*" >&2; exit 1 ;;
            esac
            """;

    private static final String FACTER = """
            #!/bin/sh
            # Fake facter: the same facts every time, as a real host's stable facts are.
            printf '%s\\n' "$*" >>"$(dirname "$0")/facter.calls"
            cat <<'EOF'
            """ + FACTER_JSON + "\nEOF\n";

    /** A fake sshd: records its arguments; answers {@code sshd -T} with what {@link #sshdAnswers} says. */
    private static final String SSHD = """
            #!/bin/sh
            here="$(dirname "$0")"
            printf '%s\\n' "$*" >>"$here/sshd.calls"
            cat "$here/sshd.answer"
            exit "$(cat "$here/sshd.exit")"
            """;

    private final Path root;
    private final Path bin;
    private final String hostname;
    private final String address;
    private final String mac;
    private final List<String> hostKeys;

    /** @param directory an empty directory of the test's own */
    FakeHost(Path directory, String hostname, String address, String mac) {
        this.root = directory.resolve("root");
        this.bin = directory.resolve("bin");
        this.hostname = hostname;
        this.address = address;
        this.mac = mac;
        this.hostKeys = List.of(SshKeyLines.ed25519("root@" + hostname), SshKeyLines.ecdsaP256("root@" + hostname));
        try {
            Files.createDirectories(root.resolve("etc/ssh"));
            Files.createDirectories(root.resolve("etc/staypuft"));
            Files.createDirectories(root.resolve("root"));
            // What systemd makes at boot: the installer asks systemctl only when systemd runs.
            Files.createDirectories(root.resolve("run/systemd/system"));
            Files.createDirectories(bin);
            Files.writeString(root.resolve("etc/ssh/ssh_host_ed25519_key.pub"), hostKeys.get(0) + "\n");
            Files.writeString(root.resolve("etc/ssh/ssh_host_ecdsa_key.pub"), hostKeys.get(1) + "\n");
            executable(bin.resolve("systemctl"), SYSTEMCTL);
            executable(bin.resolve("facter"), FACTER);
            executable(bin.resolve("sshd"), SSHD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // As sshd -T answers for a user who cannot read the host keys (not root): nothing.
        sshdAnswers("sshd: no hostkeys available -- exiting.\n", 1);
    }

    /** What the fake {@code sshd -T} prints (its effective configuration, {@code port 22} lines) and its exit code. */
    void sshdAnswers(String output, int exitCode) {
        try {
            Files.writeString(bin.resolve("sshd.answer"), output);
            Files.writeString(bin.resolve("sshd.exit"), Integer.toString(exitCode));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the installer looks for its answers when given no {@code --answers}. */
    void answers(String content) {
        write("etc/staypuft/client-installer.answers", content);
    }

    void write(String pathInRoot, String content) {
        try {
            Path file = root.resolve(pathInRoot);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String read(String pathInRoot) {
        try {
            return Files.readString(root.resolve(pathInRoot));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The host's SSH public keys as {@code algorithm base64} (what a host event carries). */
    List<String> hostKeys() {
        return hostKeys.stream().map(line -> line.substring(0, line.lastIndexOf(' '))).toList();
    }

    List<String> systemctlCalls() {
        return calls("systemctl.calls");
    }

    List<String> facterCalls() {
        return calls("facter.calls");
    }

    List<String> sshdCalls() {
        return calls("sshd.calls");
    }

    /** The root directory as the installer sees it ({@code STAYPUFT_ROOT}). */
    Path root() {
        return root;
    }

    /** Runs the installer with {@code sh}, as an operator would, and waits for it. */
    Run runInstaller(Path installer) {
        try {
            Path out = Files.createTempFile(bin.getParent(), "installer-", ".out");
            Path err = Files.createTempFile(bin.getParent(), "installer-", ".err");
            ProcessBuilder builder = new ProcessBuilder("sh", installer.toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> environment = builder.environment();
            environment.put("PATH", bin + ":" + System.getenv("PATH"));
            environment.put("STAYPUFT_ROOT", root.toString());
            environment.put("STAYPUFT_HOSTNAME", hostname);
            environment.put("STAYPUFT_ADDRESS", address);
            environment.put("STAYPUFT_MAC", mac);
            Process process = builder.start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the installer finished").isTrue();
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> calls(String file) {
        try {
            Path calls = bin.resolve(file);
            return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void executable(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** What one run of the installer did. */
    record Run(int exitCode, String out, String err) {

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
