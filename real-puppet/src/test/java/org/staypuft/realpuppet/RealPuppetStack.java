package org.staypuft.realpuppet;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.ServiceProcess;
import org.staypuft.testsupport.StaypuftTokens;
import org.staypuft.testsupport.puppet.PuppetServer;
import org.staypuft.testsupport.puppet.TestHost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The four packaged services, Debian's real Puppet Server whose node classifier is the registry (through
 * {@code staypuft-enc}, the exec terminus script the registry ships), and test hosts that are network namespaces
 * with their own sshd and puppet agent (test-support's {@link PuppetServer} and {@link TestHost}).
 * <p>
 * The server's code directory holds what a Staypuft site deploys: {@code puppet_management} (from {@code puppet/})
 * in both environments, the role classes of {@code staypuft_test} in {@code production} only (as the registry's README
 * says: {@code discovery} has no role modules), and Hiera data naming the service provider the hosts need
 * ({@code debian}: systemd is not their PID 1). Everything the services and the hosts need to reach is on
 * {@link TestHost#SERVER_ADDRESS}. One per test JVM; closed by a shutdown hook (hosts first).
 */
final class RealPuppetStack {

    static final Path ROOT = Path.of(System.getProperty("staypuft.repository.root", ".."));
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static RealPuppetStack stack;
    /** A stack that did not start is not started again by the next test (minutes each): its failure is repeated. */
    private static IllegalStateException startFailure;

    final PuppetServer puppetServer;
    final ReportInbox reports;
    final ServiceProcess listener;
    final ServiceProcess registry;
    final ServiceProcess orchestrator;
    final ServiceProcess runner;
    final String runnerPublicKey;
    final Path state;
    final String operatorToken = StaypuftTokens.token("real-puppet-operator", StaypuftTokens.OPERATOR,
            StaypuftTokens.VIEWER);
    private final List<TestHost> hosts = new ArrayList<>();
    private int nextHost = 1;

    private RealPuppetStack(PuppetServer puppetServer, ReportInbox reports, List<ServiceProcess> services,
            String runnerPublicKey, Path state) {
        this.puppetServer = puppetServer;
        this.reports = reports;
        this.listener = services.get(0);
        this.registry = services.get(1);
        this.orchestrator = services.get(2);
        this.runner = services.get(3);
        this.runnerPublicKey = runnerPublicKey;
        this.state = state;
    }

    static synchronized RealPuppetStack get() {
        if (startFailure != null) {
            throw new IllegalStateException("The stack did not start (see the first test's error)", startFailure);
        }
        if (stack == null) {
            try {
                stack = start();
            } catch (IOException e) {
                startFailure = new IllegalStateException("The stack did not start", e);
                throw startFailure;
            } catch (IllegalStateException e) {
                startFailure = e;
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "real-puppet-stack-stop"));
        }
        return stack;
    }

    private static RealPuppetStack start() throws IOException, InterruptedException {
        TestHost.removeLeftovers();
        KafkaTestResource.startBroker();
        Path state = Files.createDirectories(Path.of("target", "real-puppet").toAbsolutePath());
        int registryPort = ServiceProcess.freePort();
        int encPort = ServiceProcess.freePort();
        Path encSecret = state.resolve("enc.secret");
        Files.writeString(encSecret, UUID.randomUUID() + "-" + UUID.randomUUID() + "\n");
        int listenerPort = ServiceProcess.freePort();
        int serverPort = ServiceProcess.freePort();

        // The server first: it takes longest to start. Its ENC is the script the registry ships, asking the registry's
        // ENC port with the shared secret.
        String enc = ROOT.toAbsolutePath().normalize().resolve("host-registry/src/main/puppet/staypuft-enc")
                + " --url http://127.0.0.1:" + encPort + "/api/v1/enc --secret-file " + encSecret;
        Path managementModule = ROOT.resolve("puppet/modules/puppet_management");
        ReportInbox reports = new ReportInbox();
        String hiera = "puppet_management::service_provider: debian\n";
        PuppetServer server = PuppetServer.start(state.resolve("puppetserver"), serverPort, enc,
                new PuppetServer.Code()
                        .reportUrl(reports.url())
                        .module("production", managementModule)
                        .module("production", Path.of("src/test/puppet/modules/staypuft_test").toAbsolutePath())
                        .hiera("production", hiera)
                        .module("discovery", managementModule)
                        .hiera("discovery", hiera));

        Path proxyKey = state.resolve("puppet-runner/id_ed25519");
        String runnerPublicKey = writeProxyKey(proxyKey);
        List<CompletableFuture<ServiceProcess>> services = List.of(
                startAsync("discovery-listener", listenerSettings(listenerPort, proxyKey)),
                startAsync("host-registry", registrySettings(registryPort, encPort, encSecret, proxyKey)),
                startAsync("orchestrator", orchestratorSettings()),
                startAsync("puppet-runner", runnerSettings(proxyKey)));
        try {
            CompletableFuture.allOf(services.toArray(CompletableFuture[]::new)).join();
            server.awaitReady(Duration.ofMinutes(8));
        } catch (CompletionException | IllegalStateException e) {
            services.stream().filter(started -> started.isDone() && !started.isCompletedExceptionally())
                    .forEach(started -> started.join().close());
            server.close();
            reports.close();
            throw new IllegalStateException("The stack did not start", e);
        }
        return new RealPuppetStack(server, reports, services.stream().map(CompletableFuture::join).toList(),
                runnerPublicKey,
                state);
    }

    /** A new test host (namespace, sshd on 22, puppet.conf naming its certname and the server's port), started. */
    synchronized TestHost newHost(String shortName) throws IOException, InterruptedException {
        return newHost(shortName, 22);
    }

    /** A new test host whose sshd listens on {@code sshPort}. */
    synchronized TestHost newHost(String shortName, int sshPort) throws IOException, InterruptedException {
        TestHost host = TestHost.create(nextHost++, shortName + ".staypuft.test", state.resolve("hosts"),
                puppetServer.port(), sshPort);
        hosts.add(host);
        return host.start();
    }

    /** Removes the hosts of a finished test (processes, namespace). */
    synchronized void remove(List<TestHost> finished) {
        finished.forEach(TestHost::close);
        hosts.removeAll(finished);
    }

    private static String writeProxyKey(Path privateKey) throws IOException, InterruptedException {
        Files.createDirectories(privateKey.getParent());
        Files.deleteIfExists(privateKey);
        Files.deleteIfExists(privateKey.resolveSibling("id_ed25519.pub"));
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C",
                "real-puppet-runner", "-f", privateKey.toString()).redirectErrorStream(true).start();
        if (keygen.waitFor() != 0) {
            throw new IOException("ssh-keygen failed: " + new String(keygen.getInputStream().readAllBytes()));
        }
        return Files.readString(privateKey.resolveSibling("id_ed25519.pub")).trim();
    }

    private static CompletableFuture<ServiceProcess> startAsync(String module, Map<String, String> settings) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return ServiceProcess.start(ROOT, module, settings);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    private static Map<String, String> common() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("staypuft.outbox.poll-interval", "200ms");
        return settings;
    }

    private static Map<String, String> runnerSettings(Path proxyKey) {
        Map<String, String> settings = common();
        settings.put("staypuft.runner.ssh.key-path", proxyKey.toString());
        settings.put("staypuft.runner.ssh.host-key-policy", "strict");
        settings.put("staypuft.runner.puppet.timeout-grace", "10s");
        settings.put("staypuft.runner.retry.unreachable-backoff", "2s");
        settings.put("staypuft.runner.retry.in-progress-backoff", "3s");
        settings.put("staypuft.runner.retry.max-backoff", "5s");
        return settings;
    }

    private static Map<String, String> listenerSettings(int port, Path proxyKey) {
        Map<String, String> settings = common();
        settings.put(ServiceProcess.PORT, Integer.toString(port));
        // The hosts register here: the answer file's registration_url is under it.
        settings.put("staypuft.listener.public-url", "http://" + TestHost.SERVER_ADDRESS + ":" + port);
        settings.put("staypuft.listener.proxy-public-key-file", proxyKey + ".pub");
        settings.put("staypuft.listener.puppet-server", PuppetServer.SERVER_NAME);
        return settings;
    }

    private static Map<String, String> registrySettings(int port, int encPort, Path encSecret, Path proxyKey) {
        Map<String, String> settings = common();
        settings.put(ServiceProcess.PORT, Integer.toString(port));
        settings.put("staypuft.registry.enc.port", Integer.toString(encPort));
        settings.put("staypuft.registry.enc.secret-file", encSecret.toString());
        settings.put("staypuft.registry.unattended.base-url", "http://" + TestHost.SERVER_ADDRESS + ":" + port);
        settings.put("staypuft.registry.proxy-public-key-file", proxyKey + ".pub");
        settings.put("staypuft.registry.puppet-server", PuppetServer.SERVER_NAME);
        return settings;
    }

    private static Map<String, String> orchestratorSettings() {
        Map<String, String> settings = common();
        settings.put("staypuft.orchestrator.ssh-retry", "30s");
        settings.put("staypuft.orchestrator.request-grace", "60s");
        settings.put("staypuft.orchestrator.configuration-timeout", "60s");
        settings.put("staypuft.orchestrator.events.poll-interval", "200ms");
        settings.put("staypuft.orchestrator.deadlines.scan-interval", "1s");
        settings.put("staypuft.orchestrator.role-defaults.ssh-ready-timeout", "120s");
        settings.put("staypuft.orchestrator.role-defaults.puppet-run-timeout", "600s");
        return settings;
    }

    JsonNode get(String url) {
        return send("GET", url, null);
    }

    JsonNode post(String url, JsonNode body) {
        return send("POST", url, body);
    }

    /** The body as text, for endpoints that answer text (the answer file). */
    String postForText(String url, JsonNode body) {
        return exchange("POST", url, body);
    }

    private JsonNode send(String method, String url, JsonNode body) {
        String text = exchange(method, url, body);
        try {
            return JSON.readTree(text.isEmpty() ? "null" : text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String exchange(String method, String url, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + operatorToken);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private synchronized void close() {
        hosts.forEach(TestHost::close);
        hosts.clear();
        for (ServiceProcess service : new ServiceProcess[]{orchestrator, runner, registry, listener}) {
            service.close();
        }
        puppetServer.close();
        reports.close();
    }
}
