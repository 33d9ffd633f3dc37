package org.staypuft.testsupport.puppet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test host as close to a real one as a test machine allows: its own network namespace ({@code ip netns}) joined
 * to the test machine by a veth pair, its own address ({@code 10.231.N.2}), its own mount and UTS namespace in which
 * the host's own directories are bind-mounted over {@code /etc/ssh}, {@code /etc/puppet}, {@code /var/lib/puppet},
 * {@code /var/cache/puppet}, {@code /run/puppet}, {@code /root}, {@code /etc/rc?.d} and {@code /etc/hosts}, its own
 * host name, and Debian's OpenSSH server on port 22 (or another). Debian's real puppet agent runs there with the host's own
 * certname, ssldir and vardir, and the init script's {@code puppet} service is the host's own.
 * <p>
 * Needs root and iproute2 ({@link #available()}). The machine's side: {@code 10.231.N.1} on the veth pair, and
 * {@value #SERVER_ADDRESS} on {@code lo}, which every host reaches through its default route: services and the
 * puppet server listening on all addresses are reachable there, and the hosts' {@code /etc/hosts} names it
 * {@value PuppetServer#SERVER_NAME}. {@link #close()} kills every process in the namespace and deletes it.
 */
public final class TestHost implements AutoCloseable {

    /** The test machine as the hosts see it (on {@code lo}, through their default route). */
    public static final String SERVER_ADDRESS = "10.231.255.1";
    /** Every namespace a test makes is named with it, so a later run can remove what a killed one left. */
    public static final String NAMESPACE_PREFIX = "spt-";
    private static final List<String> PRIVATE_DIRECTORIES = List.of("etc/ssh", "etc/puppet", "var/lib/puppet",
            "var/cache/puppet", "run/puppet", "var/log/puppet", "root", "etc/rc0.d", "etc/rc1.d", "etc/rc2.d",
            "etc/rc3.d", "etc/rc4.d", "etc/rc5.d", "etc/rc6.d", "etc/rcS.d", "etc/staypuft");

    private final int index;
    private final int sshPort;
    private final String hostName;
    private final String namespace;
    private final Path root;
    private Process sshd;

    private TestHost(int index, int sshPort, String hostName, Path root) {
        this.index = index;
        this.sshPort = sshPort;
        this.hostName = hostName;
        this.namespace = NAMESPACE_PREFIX + index;
        this.root = root;
    }

    /** Whether this machine can make such hosts: root, iproute2 with {@code ip netns}, OpenSSH server, puppet. */
    public static boolean available() {
        return missing().isEmpty();
    }

    /** What this machine lacks to make such hosts (empty when nothing), each named for the message. */
    public static List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            missing.add("root (network namespaces)");
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip"))) {
            missing.add("ip (iproute2)");
        } else if ("root".equals(System.getProperty("user.name"))) {
            try {
                Process netns = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
                netns.getInputStream().readAllBytes();
                if (!netns.waitFor(30, TimeUnit.SECONDS) || netns.exitValue() != 0) {
                    missing.add("a working 'ip netns'");
                }
            } catch (IOException e) {
                missing.add("a working 'ip netns' (" + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                missing.add("a working 'ip netns' (interrupted)");
            }
        }
        for (String binary : List.of("/usr/sbin/sshd", "/usr/bin/puppet", "/usr/bin/unshare", "/usr/bin/nsenter",
                "/usr/sbin/update-rc.d")) {
            if (!Files.isExecutable(Path.of(binary))) {
                missing.add(binary);
            }
        }
        return missing;
    }

    /** Removes the namespaces a killed test run left behind ({@value #NAMESPACE_PREFIX}*). */
    public static void removeLeftovers() throws IOException, InterruptedException {
        String list = run(List.of("ip", "netns", "list"), true);
        for (String line : list.lines().toList()) {
            String name = line.split(" ")[0];
            if (name.startsWith(NAMESPACE_PREFIX)) {
                killAndDelete(name);
            }
        }
    }

    /**
     * Creates host {@code index} (1..250): the namespace and its network, a fresh root with new SSH host keys and
     * a puppet.conf naming its certname and the server's port. Nothing runs yet: {@link #start()}.
     *
     * @param fqdn the host name, also its certname
     */
    public static TestHost create(int index, String fqdn, Path baseDirectory, int puppetServerPort)
            throws IOException, InterruptedException {
        return create(index, fqdn, baseDirectory, puppetServerPort, 22);
    }

    /** As {@link #create(int, String, Path, int)}, with sshd on {@code sshPort} instead of 22. */
    public static TestHost create(int index, String fqdn, Path baseDirectory, int puppetServerPort, int sshPort)
            throws IOException, InterruptedException {
        if (index < 1 || index > 250) {
            throw new IllegalArgumentException("host index 1..250");
        }
        TestHost host = new TestHost(index, sshPort, fqdn, baseDirectory.toAbsolutePath().resolve(fqdn));
        host.makeRoot(puppetServerPort);
        host.makeNetwork();
        return host;
    }

    private void makeRoot(int puppetServerPort) throws IOException, InterruptedException {
        if (Files.exists(root)) {
            run(List.of("rm", "-rf", root.toString()), false);
        }
        for (String directory : PRIVATE_DIRECTORIES) {
            Files.createDirectories(root.resolve(directory));
        }
        run(List.of("ssh-keygen", "-A", "-f", root.toString()), false);
        Files.writeString(root.resolve("etc/ssh/sshd_config"), """
                Port %d
                ListenAddress %s
                PermitRootLogin prohibit-password
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                UsePAM no
                PidFile none
                HostKey /etc/ssh/ssh_host_ed25519_key
                HostKey /etc/ssh/ssh_host_ecdsa_key
                HostKey /etc/ssh/ssh_host_rsa_key
                AuthorizedKeysFile .ssh/authorized_keys
                Subsystem sftp internal-sftp
                """.formatted(sshPort, address()));
        Files.writeString(root.resolve("etc/hosts"), """
                127.0.0.1 localhost
                %s %s %s
                %s %s
                """.formatted(address(), hostName, shortName(), SERVER_ADDRESS, PuppetServer.SERVER_NAME));
        Files.writeString(root.resolve("etc/puppet/puppet.conf"), """
                [main]
                certname = %s
                ssldir = /var/lib/puppet/ssl
                vardir = /var/cache/puppet
                rundir = /run/puppet
                logdir = /var/log/puppet
                serverport = %d
                """.formatted(hostName, puppetServerPort));
        Files.setPosixFilePermissions(root.resolve("root"), PosixFilePermissions.fromString("rwx------"));
        Path boot = root.resolve("boot.sh");
        StringBuilder mounts = new StringBuilder();
        for (String directory : PRIVATE_DIRECTORIES) {
            mounts.append("mkdir -p /").append(directory).append(" && mount --bind \"$R/").append(directory)
                    .append("\" /").append(directory).append('\n');
        }
        Files.writeString(boot, """
                #!/bin/sh
                # Runs as: ip netns exec NS unshare --mount --uts --propagation private boot.sh ROOT HOSTNAME
                set -eu
                R="$1"
                hostname "$2"
                %s
                mount --bind "$R/etc/hosts" /etc/hosts
                mkdir -p /run/sshd
                exec /usr/sbin/sshd -D -e -f /etc/ssh/sshd_config
                """.formatted(mounts));
        Files.setPosixFilePermissions(boot, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void makeNetwork() throws IOException, InterruptedException {
        killAndDelete(namespace);
        run(List.of("ip", "link", "del", machineInterface()), true);
        run(List.of("ip", "netns", "add", namespace), false);
        run(List.of("ip", "link", "add", machineInterface(), "type", "veth", "peer", "name", "eth0", "netns",
                namespace), false);
        run(List.of("ip", "addr", "add", machineAddress() + "/24", "dev", machineInterface()), false);
        run(List.of("ip", "link", "set", machineInterface(), "up"), false);
        run(List.of("ip", "-n", namespace, "addr", "add", address() + "/24", "dev", "eth0"), false);
        run(List.of("ip", "-n", namespace, "link", "set", "eth0", "up"), false);
        run(List.of("ip", "-n", namespace, "link", "set", "lo", "up"), false);
        run(List.of("ip", "-n", namespace, "route", "add", "default", "via", machineAddress()), false);
        String onLo = run(List.of("ip", "-o", "addr", "show", "dev", "lo"), true);
        if (!onLo.contains(SERVER_ADDRESS + "/32")) {
            run(List.of("ip", "addr", "add", SERVER_ADDRESS + "/32", "dev", "lo"), true);
        }
    }

    /** Starts the host's sshd (in its namespaces) and waits until port 22 answers. */
    public TestHost start() throws IOException, InterruptedException {
        Path log = root.resolve("sshd.log");
        sshd = new ProcessBuilder("ip", "netns", "exec", namespace, "unshare", "--mount", "--uts", "--propagation",
                "private", root.resolve("boot.sh").toString(), root.toString(), hostName)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!Files.readString(log).contains("Server listening on")) {
            if (!sshd.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("sshd of " + hostName + " did not start: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return this;
    }

    /**
     * Gets the host's agent certificate from the server before anything else runs the agent: {@code puppet ssl
     * bootstrap} (key, request, signed certificate; it returns once the certificate is saved), then checks that the
     * certificate file is there. An agent daemon
     * started without a certificate requests one itself, and when it is stopped while that request is in flight
     * (the client installer stops it), the host is left with a key whose certificate it never fetched; this way the
     * daemon starts with its certificate, as on a host whose owner set it up before handing it over.
     *
     * @param timeout how long the server may take to sign (autosigning) and answer, under load
     */
    public TestHost bootstrapCertificate(Duration timeout) throws IOException, InterruptedException {
        long seconds = Math.max(10, timeout.toSeconds());
        Result bootstrap = exec(List.of("puppet", "ssl", "bootstrap", "--waitforcert", "5", "--maxwaitforcert",
                Long.toString(seconds)), timeout.plusSeconds(30));
        Path certificate = root.resolve("var/lib/puppet/ssl/certs/" + hostName + ".pem");
        if (bootstrap.exitCode() != 0 || !Files.isRegularFile(certificate)) {
            throw new IllegalStateException("the certificate of " + hostName + " was not bootstrapped (exit "
                    + bootstrap.exitCode() + "): " + bootstrap.output());
        }
        return this;
    }

    /** Runs a command on the host (in its network, mount and UTS namespaces, as root); @return its output */
    public Result exec(List<String> command, Duration timeout) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("nsenter", "-t", Long.toString(sshd.pid()), "-n", "-m", "-u",
                "--"));
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        byte[] output;
        try (var in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " on " + hostName + " did not finish within " + timeout);
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** A shell line run on the host with {@code sh -c}. */
    public Result sh(String script, Duration timeout) throws IOException, InterruptedException {
        return exec(List.of("sh", "-c", script), timeout);
    }

    public record Result(int exitCode, String output) {
    }

    public String hostName() {
        return hostName;
    }

    public String shortName() {
        int dot = hostName.indexOf('.');
        return dot < 0 ? hostName : hostName.substring(0, dot);
    }

    /** The port its sshd listens on. */
    public int sshPort() {
        return sshPort;
    }

    /** The host's address, where its sshd listens. */
    public String address() {
        return "10.231." + index + ".2";
    }

    /** The veth interface's MAC inside the namespace. */
    public String mac() throws IOException, InterruptedException {
        return run(List.of("ip", "-n", namespace, "-o", "link", "show", "eth0"), false)
                .replaceAll("(?s).*link/ether ([0-9a-f:]{17}).*", "$1").trim();
    }

    /** The host's root directory as the test machine sees it (bind-mounted into the host). */
    public Path root() {
        return root;
    }

    public String namespace() {
        return namespace;
    }

    /** A public host key of the host, e.g. {@code ed25519}: the {@code algorithm base64} part. */
    public String hostKey(String type) throws IOException {
        String line = Files.readString(root.resolve("etc/ssh/ssh_host_" + type + "_key.pub")).trim();
        String[] parts = line.split(" ");
        return parts[0] + " " + parts[1];
    }

    private String machineAddress() {
        return "10.231." + index + ".1";
    }

    private String machineInterface() {
        return "sptv" + index;
    }

    @Override
    public void close() {
        try {
            killAndDelete(namespace);
        } catch (IOException e) {
            // best effort: removeLeftovers() takes it next time
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (sshd != null) {
            sshd.destroyForcibly();
        }
    }

    private static void killAndDelete(String namespace) throws IOException, InterruptedException {
        String pids = run(List.of("ip", "netns", "pids", namespace), true);
        for (String pid : pids.lines().map(String::trim).filter(line -> line.matches("\\d+")).toList()) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(process -> {
                process.destroyForcibly();
                process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
            });
        }
        run(List.of("ip", "netns", "delete", namespace), true);
    }

    private static String run(List<String> command, boolean mayFail) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (var in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command + " did not finish");
        }
        if (process.exitValue() != 0 && !mayFail) {
            throw new IOException(command + " failed (" + process.exitValue() + "): " + output);
        }
        return output;
    }
}
