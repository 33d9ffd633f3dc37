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
 * way end-to-end tests see the system, with real process boundaries.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final String module;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(String module, int port, Process process, Path log) {
        this.module = module;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts a service and waits until it is ready.
     *
     * @param repositoryRoot the checkout's root (the module's jar is found under it)
     * @param extraProperties service-specific system properties
     */
    public static ServiceProcess start(Path repositoryRoot, String module, Map<String, String> extraProperties)
            throws IOException, InterruptedException {
        Path jar = repositoryRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package " + module + " first");
        }
        int port = freePort();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.port", Integer.toString(port));
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
        Path log = logs.resolve(module + "-" + port + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServiceProcess service = new ServiceProcess(module, port, process, log);
        service.awaitReady();
        return service;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public Path log() {
        return log;
    }

    private void awaitReady() throws InterruptedException {
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

    /** Ends the process the way a crash or an OOM kill does (SIGKILL): no shutdown hook, nothing cleaned up. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
