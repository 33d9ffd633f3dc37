package org.staypuft.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Quarkus service of this repository ({@code <module>/target/quarkus-app/quarkus-run.jar}) running as its
 * own process against the test JVM's real broker, a fresh database of the test PostgreSQL and the test JWT key: the
 * way end-to-end tests see the system, with real process boundaries. {@link #kill()} and {@link #restart()} crash it
 * and bring it back on the same port and database, as a supervisor would.
 */
public final class ServiceProcess implements AutoCloseable {

    /** What {@link Process#exitValue()} says of a process that SIGKILL ended. */
    public static final int SIGKILL_EXIT = 128 + 9;
    /** The HTTP port property: random unless the extra properties set it. */
    public static final String PORT = "quarkus.http.port";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final String module;
    private final int port;
    private final List<String> command;
    private final Path logs;
    private volatile Process process;
    private volatile Path log;
    private int generation = 1;

    private ServiceProcess(String module, int port, List<String> command, Path logs) {
        this.module = module;
        this.port = port;
        this.command = List.copyOf(command);
        this.logs = logs;
    }

    /**
     * Starts a service and waits until it is ready.
     *
     * @param repositoryRoot the checkout's root (the module's jar is found under it)
     * @param extraProperties service-specific system properties
     */
    public static ServiceProcess start(Path repositoryRoot, String module, Map<String, String> extraProperties)
            throws IOException, InterruptedException {
        return startJar(repositoryRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar"), module,
                extraProperties);
    }

    /**
     * Starts the packaged application {@code jar} (its {@code quarkus-run.jar}) and waits until it is ready.
     *
     * @param name names the log file, {@code target/service-logs/<name>-<port>[-<generation>].log}
     */
    public static ServiceProcess startJar(Path jar, String name, Map<String, String> extraProperties)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package " + name + " first");
        }
        // A caller may choose the port, e.g. when the service's settings name its own URL.
        int port = extraProperties.containsKey(PORT) ? Integer.parseInt(extraProperties.get(PORT)) : freePort();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(PORT, Integer.toString(port));
        properties.put("kafka.bootstrap.servers", KafkaTestResource.startBroker());
        properties.putAll(new PostgresTestResource().start());
        properties.put("mp.jwt.verify.issuer", StaypuftTokens.ISSUER);
        properties.put("mp.jwt.verify.publickey.location", publicKeyFile().toUri().toString());
        properties.putAll(extraProperties);

        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx384m"));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        Path logs = Files.createDirectories(Path.of("target", "service-logs"));
        ServiceProcess service = new ServiceProcess(name, port, command, logs);
        service.launch();
        service.awaitReady();
        return service;
    }

    private synchronized void launch() throws IOException {
        log = logs.resolve(module + "-" + port + (generation == 1 ? "" : "-" + generation) + ".log");
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * SIGKILL: the process ends at once, without shutdown hooks, in the middle of whatever it was doing.
     *
     * @return its exit value ({@link #SIGKILL_EXIT})
     */
    public int kill() throws InterruptedException {
        Process running = process;
        running.destroyForcibly();
        if (!running.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(module + " did not die within 30 s of SIGKILL");
        }
        return running.exitValue();
    }

    /**
     * Starts the service again with the same command line (same port, database, broker and settings) once the
     * previous process has ended ({@link #kill()}, {@link #close()}), and waits until it is ready. Its output goes to
     * a new log file ({@link #log()}).
     */
    public void restart() throws IOException, InterruptedException {
        if (process.isAlive()) {
            throw new IllegalStateException(module + " is still running: kill or close it first");
        }
        synchronized (this) {
            generation++;
        }
        launch();
        awaitReady();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    /** The current process's log. */
    public Path log() {
        return log;
    }

    private void awaitReady() throws InterruptedException {
        Process process = this.process;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited with " + process.exitValue() + ", see " + log);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        close();
        throw new IllegalStateException(module + " was not ready within " + READY_TIMEOUT + ", see " + log);
    }

    @Override
    public void close() {
        Process process = this.process;
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

    private static synchronized Path publicKeyFile() throws IOException {
        Path file = Path.of("target", "test-jwt-public-key.pem").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, StaypuftTokens.publicKeyPem());
        return file;
    }

    /** A port nobody listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
