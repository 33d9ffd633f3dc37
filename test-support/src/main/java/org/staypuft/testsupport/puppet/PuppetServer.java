package org.staypuft.testsupport.puppet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's real {@code puppetserver} (7.x, installed by {@code .ci/install-packages}) as a test resource: its own JVM
 * with a small heap, started from a private confdir, codedir, vardir and logdir under {@code directory}, listening on
 * a free port on every address (the test hosts reach it through their veth pair as {@value #SERVER_NAME}).
 * <p>
 * Configured the way a Staypuft site configures its server: the node classifier through the {@code exec} terminus
 * ({@code external_nodes}, e.g. {@code staypuft-enc --url .../api/v1/enc}), autosigning (the registered-host scenario
 * assumes it), and the modules and Hiera data of each environment in the code directory. Its certificate names
 * {@value #SERVER_NAME}, {@code localhost} and {@code 127.0.0.1}.
 * <p>
 * Starting takes minutes on a loaded two-core machine (Debian's package compiles its Clojure at start), so
 * {@link #start} returns at once and {@link #awaitReady} waits.
 */
public final class PuppetServer implements AutoCloseable {

    /** The name agents use for the server (their {@code /etc/hosts} maps it). */
    public static final String SERVER_NAME = "puppet";
    private static final Path JAR = Path.of("/usr/share/puppetserver/puppetserver.jar");
    private static final String READY_LINE = "Puppet Server has successfully started";

    private final Path directory;
    private final int port;
    private final Process process;
    private final Path log;

    private PuppetServer(Path directory, int port, Process process, Path log) {
        this.directory = directory;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Whether Debian's puppetserver is installed here. */
    public static boolean installed() {
        return Files.isRegularFile(JAR);
    }

    /**
     * What the server serves: per environment, module directories (copied in under their directory name) and the
     * environment's Hiera {@code data/common.yaml}.
     */
    public static final class Code {

        private final Map<String, List<Path>> modules = new LinkedHashMap<>();
        private final Map<String, String> hieraData = new LinkedHashMap<>();
        private String reportUrl;

        public Code module(String environment, Path moduleDirectory) {
            modules.computeIfAbsent(environment, e -> new ArrayList<>()).add(moduleDirectory);
            return this;
        }

        /**
         * Also sends every report to {@code url} (Puppet's {@code http} report processor, YAML bodies), besides
         * storing it: the store processor names its files by the minute, so two runs of a host in one minute keep one.
         */
        public Code reportUrl(String url) {
            this.reportUrl = url;
            return this;
        }

        public Code hiera(String environment, String commonYaml) {
            hieraData.put(environment, commonYaml);
            modules.computeIfAbsent(environment, e -> new ArrayList<>());
            return this;
        }
    }

    /**
     * Writes the configuration and starts the server; returns before it is ready.
     *
     * @param externalNodes the exec terminus command, e.g. {@code /path/staypuft-enc --url http://.../api/v1/enc}
     */
    public static PuppetServer start(Path directory, int port, String externalNodes, Code code) throws IOException {
        Path root = directory.toAbsolutePath();
        // A fresh CA every time: a host made again with the same certname but a new key would be refused by the old one
        // ("already has a signed certificate"). The CA lives under the private directory too (cadir below): Debian's
        // default, /etc/puppet/puppetserver/ca, outlives the test run, which is what made later runs fail.
        deleteTree(root);
        Path confD = Files.createDirectories(root.resolve("conf.d"));
        Path servicesD = Files.createDirectories(root.resolve("services.d"));
        Path confdir = Files.createDirectories(root.resolve("confdir"));
        Path codedir = Files.createDirectories(root.resolve("codedir"));
        Path vardir = Files.createDirectories(root.resolve("vardir"));
        Path logdir = Files.createDirectories(root.resolve("logdir"));
        Path rundir = Files.createDirectories(root.resolve("rundir"));
        for (String file : List.of("auth.conf", "ca.conf", "web-routes.conf", "metrics.conf")) {
            Files.copy(Path.of("/etc/puppet/puppetserver/conf.d", file), confD.resolve(file),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        for (String file : List.of("bootstrap.cfg", "ca.cfg")) {
            Files.copy(Path.of("/etc/puppet/puppetserver/services.d", file), servicesD.resolve(file),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(confD.resolve("puppetserver.conf"), """
                jruby-puppet: {
                    ruby-load-path: [/usr/lib/puppetserver/ruby/vendor_ruby]
                    gem-home: %1$s/jruby-gems
                    gem-path: [${jruby-puppet.gem-home}, "/usr/lib/puppetserver/vendored-jruby-gems"]
                    server-conf-dir: %2$s
                    server-code-dir: %3$s
                    server-var-dir: %1$s
                    server-run-dir: %4$s
                    server-log-dir: %5$s
                    max-active-instances: 2
                }
                http-client: {}
                profiler: {}
                """.formatted(vardir, confdir, codedir, rundir, logdir));
        Files.writeString(confD.resolve("webserver.conf"), """
                webserver: {
                    client-auth: want
                    ssl-host: 0.0.0.0
                    ssl-port: %d
                }
                """.formatted(port));
        Path logback = root.resolve("logback.xml");
        Files.writeString(confD.resolve("global.conf"), "global: { logging-config: " + logback + " }\n");
        Files.writeString(logback, """
                <configuration>
                  <appender name="F1" class="ch.qos.logback.core.FileAppender">
                    <file>%s/puppetserver.log</file>
                    <encoder><pattern>%%d %%-5p [%%c{2}] %%m%%n</pattern></encoder>
                  </appender>
                  <root level="info"><appender-ref ref="F1"/></root>
                </configuration>
                """.formatted(logdir));
        Files.writeString(confdir.resolve("puppet.conf"), """
                [main]
                confdir = %1$s
                codedir = %2$s
                vardir = %3$s
                logdir = %4$s
                rundir = %5$s
                ssldir = %1$s/ssl
                [server]
                cadir = %1$s/ca
                certname = %6$s
                dns_alt_names = %6$s,localhost,IP:127.0.0.1
                autosign = true
                node_terminus = exec
                external_nodes = %7$s
                reports = %8$s
                reporturl = %9$s
                """.formatted(confdir, codedir, vardir, logdir, rundir, SERVER_NAME, externalNodes,
                code.reportUrl == null ? "store" : "store,http",
                code.reportUrl == null ? "http://localhost:3000/reports/upload" : code.reportUrl));
        for (Map.Entry<String, List<Path>> environment : code.modules.entrySet()) {
            Path environmentDir = Files
                    .createDirectories(codedir.resolve("environments").resolve(environment.getKey()));
            Path modulesDir = Files.createDirectories(environmentDir.resolve("modules"));
            for (Path module : environment.getValue()) {
                copyTree(module, modulesDir.resolve(module.getFileName().toString()));
            }
            String data = code.hieraData.get(environment.getKey());
            if (data != null) {
                Files.createDirectories(environmentDir.resolve("data"));
                Files.writeString(environmentDir.resolve("data/common.yaml"), data);
                Files.writeString(environmentDir.resolve("hiera.yaml"), """
                        ---
                        version: 5
                        defaults:
                          datadir: data
                          data_hash: yaml_data
                        hierarchy:
                          - name: common
                            path: common.yaml
                        """);
            }
        }
        Path log = logdir.resolve("puppetserver.log");
        List<String> command = List.of("/usr/bin/java", "-Xms256m", "-Xmx512m", "-XX:+CrashOnOutOfMemoryError",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.base/java.io=ALL-UNNAMED",
                "-Djruby.lib=/usr/share/jruby/lib",
                "-Djruby.logger.class=com.puppetlabs.jruby_utils.jruby.Slf4jLogger",
                "-jar", JAR.toString(), "--config", confD.toString(), "--bootstrap-config", servicesD.toString());
        Process process = new ProcessBuilder(command).directory(JAR.getParent().toFile())
                .redirectErrorStream(true).redirectOutput(root.resolve("stdout.log").toFile()).start();
        PuppetServer server = new PuppetServer(root, port, process, log);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "puppetserver-stop"));
        return server;
    }

    /** Waits until the server says it is ready and its port answers. */
    public PuppetServer awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("puppetserver exited (" + process.exitValue() + "): " + logTail());
            }
            if (logTail().contains(READY_LINE) && portAnswers()) {
                return this;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("puppetserver not ready within " + timeout + ": " + logTail());
    }

    public int port() {
        return port;
    }

    public Path directory() {
        return directory;
    }

    /** The code directory's environments, e.g. to add a module for one test. */
    public Path environment(String name) {
        return directory.resolve("codedir/environments").resolve(name);
    }

    /**
     * Where the server stores the reports agents send it ({@code reports = store}, the default), one directory per
     * certname: the agents' own account of every run, kept after the host's {@code last_run_report.yaml} is
     * overwritten by a later run.
     */
    public Path reports(String certname) {
        return directory.resolve("vardir/reports").resolve(certname);
    }

    /** The last part of the server's log. */
    public String logTail() {
        try {
            if (!Files.exists(log)) {
                return "";
            }
            String text = Files.readString(log);
            return text.length() > 8000 ? text.substring(text.length() - 8000) : text;
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private boolean portAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
