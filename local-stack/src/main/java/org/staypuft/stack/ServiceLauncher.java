package org.staypuft.stack;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts a service's packaged Quarkus application as its own process and waits until it is ready. */
final class ServiceLauncher {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final StackLayout layout;
    private final ChildProcesses processes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ServiceLauncher(StackLayout layout, ChildProcesses processes) {
        this.layout = layout;
        this.processes = processes;
    }

    Process start(ServiceInstance instance, Map<String, String> properties) throws IOException {
        var jar = layout.serviceJar(instance.service().module());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests install)");
        }
        List<String> jvm = new ArrayList<>(List.of("-Xms64m", "-Xmx384m"));
        properties.forEach((key, value) -> jvm.add("-D" + key + "=" + value));
        jvm.add("-Dquarkus.http.port=" + instance.port());
        return processes.startJava(instance.name(), jvm, List.of("-jar", jar.toString()));
    }

    void awaitReady(ServiceInstance instance, Process process) throws InterruptedException {
        HttpRequest ready = HttpRequest.newBuilder(URI.create(instance.url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(instance.name() + " exited with " + process.exitValue() + ", see "
                        + layout.log(instance.name()));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (ConnectException e) {
                // not listening yet
            } catch (IOException e) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(instance.name() + " was not ready within " + READY_TIMEOUT + ", see "
                + layout.log(instance.name()));
    }
}
