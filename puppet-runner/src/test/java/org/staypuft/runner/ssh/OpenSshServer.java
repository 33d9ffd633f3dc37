package org.staypuft.runner.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * Debian's OpenSSH server, started for a test: its own config, host keys (ed25519 and RSA) and authorized_keys in a
 * temporary directory, on a free loopback port, with a fake {@code puppet} first on the PATH of sessions
 * ({@code SetEnv PATH=...}). The fake puppet copies a real report sample into place and exits like puppet.
 */
final class OpenSshServer implements AutoCloseable {

    static final Path SSHD = Path.of("/usr/sbin/sshd");
    /** A {@code sleep} argument no other process on the machine uses, to find the hanging "puppet". */
    static final String HANG_SECONDS = "97.31";

    final Path directory;
    final int port;
    final String user = System.getProperty("user.name");
    private final Process process;

    OpenSshServer(String authorizedKey) throws IOException, InterruptedException {
        directory = Files.createTempDirectory("staypuft-openssh-");
        Path bin = Files.createDirectories(directory.resolve("bin"));
        Path state = Files.createDirectories(directory.resolve("state"));
        Path samples = directory.resolve("samples");
        for (String sample : List.of("failing/last_run_summary.yaml", "failing/last_run_report.yaml")) {
            Files.createDirectories(samples.resolve(sample).getParent());
            try (InputStream in = OpenSshServer.class.getResourceAsStream("/puppet-reports/" + sample)) {
                Files.copy(in, samples.resolve(sample));
            }
        }
        Files.writeString(directory.resolve("authorized_keys"), authorizedKey + "\n");
        keygen("ed25519");
        keygen("rsa");
        Path puppet = bin.resolve("puppet");
        try (InputStream in = OpenSshServer.class.getResourceAsStream("/openssh/fake-puppet.sh")) {
            Files.writeString(puppet, new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@STATE@", state.toString()).replace("@SAMPLES@", samples.toString())
                    .replace("@HANG_SECONDS@", HANG_SECONDS));
        }
        Files.setPosixFilePermissions(puppet, PosixFilePermissions.fromString("rwxr-xr-x"));
        port = freePort();
        Files.writeString(directory.resolve("sshd_config"), """
                Port %d
                ListenAddress 127.0.0.1
                HostKey %s/ssh_host_ed25519_key
                HostKey %s/ssh_host_rsa_key
                PidFile %s/sshd.pid
                AuthorizedKeysFile %s/authorized_keys
                AllowUsers %s
                StrictModes no
                UsePAM no
                PubkeyAuthentication yes
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                PermitRootLogin prohibit-password
                SetEnv PATH=%s:/usr/bin:/bin
                LogLevel VERBOSE
                """.formatted(port, directory, directory, directory, directory, user, bin));
        Path privilegeSeparation = Path.of("/run/sshd");
        if (!Files.isDirectory(privilegeSeparation) && "root".equals(user)) {
            Files.createDirectories(privilegeSeparation);
        }
        process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", directory.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("sshd.log").toFile()).start();
        await().atMost(Duration.ofSeconds(20)).until(this::accepting);
    }

    /** The host key of a type, in known_hosts form. */
    String hostKey(String type) throws IOException {
        String line = Files.readString(directory.resolve("ssh_host_" + type + "_key.pub")).trim();
        String[] parts = line.split(" ");
        return parts[0] + " " + parts[1];
    }

    String log() throws IOException {
        return Files.readString(directory.resolve("sshd.log"));
    }

    private boolean accepting() {
        if (!process.isAlive()) {
            throw new IllegalStateException("sshd exited with " + process.exitValue() + ": " + logQuietly());
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String logQuietly() {
        try {
            return log();
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private void keygen(String type) throws IOException, InterruptedException {
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", type, "-N", "", "-f",
                directory.resolve("ssh_host_" + type + "_key").toString()).redirectErrorStream(true).start();
        if (!keygen.waitFor(60, TimeUnit.SECONDS) || keygen.exitValue() != 0) {
            throw new IOException("ssh-keygen -t " + type + " failed: "
                    + new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
