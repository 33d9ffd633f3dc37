package org.staypuft.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.staypuft.simulator.HostSimulator;
import org.staypuft.simulator.HostSpec;
import org.staypuft.simulator.SimulatedHost;
import org.staypuft.simulator.ssh.OpenSshKeys;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.ServiceProcess;
import org.staypuft.testsupport.StaypuftTokens;

/**
 * The whole system once per test JVM: the four packaged services as their own processes against the test broker
 * and PostgreSQL (each its own database), and one host simulator whose hosts all listen on the same SSH and proxy
 * ports of their own 127.x addresses, as the orchestrator and the registry expect one port for every host.
 * <p>
 * Settings are those of {@code ./staypuft demo} (local-stack's DemoSettings) with shorter intervals: the runner's key
 * is the proxy key the registry and the listener hand out, host keys are checked strictly, the registry provisions
 * through the simulator's discovery proxy with a kexec whose append line carries the build token, deadlines are
 * seconds. The services live until the JVM ends.
 */
final class Stack {

    static final Path ROOT = Path.of(System.getProperty("staypuft.repository.root", ".."));
    /** How long a simulated puppet run and a simulated installation take. */
    static final Duration PUPPET_RUN = Duration.ofMillis(300);
    static final Duration INSTALLATION = Duration.ofMillis(500);

    private static Stack stack;

    final ServiceProcess listener;
    final ServiceProcess registry;
    final ServiceProcess orchestrator;
    final ServiceProcess runner;
    final HostSimulator simulator;
    final String runnerPublicKey;
    final int sshPort;
    final int proxyPort;
    final RegistryEnc enc;
    final String operatorToken = StaypuftTokens.token("e2e-operator", StaypuftTokens.OPERATOR,
            StaypuftTokens.VIEWER);

    private Stack(ServiceProcess listener, ServiceProcess registry, ServiceProcess orchestrator,
            ServiceProcess runner, HostSimulator simulator, String runnerPublicKey, int sshPort, int proxyPort,
            RegistryEnc enc) {
        this.listener = listener;
        this.registry = registry;
        this.orchestrator = orchestrator;
        this.runner = runner;
        this.simulator = simulator;
        this.runnerPublicKey = runnerPublicKey;
        this.sshPort = sshPort;
        this.proxyPort = proxyPort;
        this.enc = enc;
    }

    /** The stack of this JVM, started on first use. */
    static synchronized Stack get() {
        if (stack == null) {
            try {
                stack = start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "e2e-stack-stop"));
        }
        return stack;
    }

    private static Stack start() throws IOException, InterruptedException {
        KafkaTestResource.startBroker();
        int sshPort = ServiceProcess.freePort();
        int proxyPort = ServiceProcess.freePort();
        RegistryEnc enc = RegistryEnc.onAFreePort();
        Path state = Files.createDirectories(Path.of("target", "e2e-state").toAbsolutePath());
        Path proxyKey = state.resolve("puppet-runner-" + ProcessHandle.current().pid() + "/id_ed25519");

        // The runner's key pair, made here so that all four start at once; the registry and the listener hand out its
        // public half.
        String runnerPublicKey = writeProxyKey(proxyKey);
        List<CompletableFuture<ServiceProcess>> services = List.of(
                startAsync("discovery-listener", listenerSettings(proxyKey)),
                startAsync("host-registry", registrySettings(proxyKey, proxyPort, enc)),
                startAsync("orchestrator", orchestratorSettings(sshPort)),
                startAsync("puppet-runner", runnerSettings(proxyKey)));
        try {
            CompletableFuture.allOf(services.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            services.stream().filter(started -> !started.isCompletedExceptionally())
                    .forEach(started -> started.join().close());
            throw new IllegalStateException("A service did not start", e.getCause());
        }
        return new Stack(services.get(0).join(), services.get(1).join(), services.get(2).join(),
                services.get(3).join(), HostSimulator.start(), runnerPublicKey, sshPort, proxyPort, enc);
    }

    /** An ed25519 key pair in OpenSSH form, owner-only, as the runner would make it: @return the public line */
    private static String writeProxyKey(Path privateKey) throws IOException {
        Files.createDirectories(privateKey.getParent());
        KeyPair keys = OpenSshKeys.newEd25519();
        try (OutputStream out = Files.newOutputStream(privateKey)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(keys, "e2e-puppet-runner", null, out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot write the runner's key", e);
        }
        Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
        String publicLine = OpenSshKeys.line(keys.getPublic()) + " e2e-puppet-runner";
        Files.writeString(privateKey.resolveSibling(privateKey.getFileName() + ".pub"), publicLine + "\n");
        return publicLine;
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
        // The simulated hosts (SSH and discovery proxy) live on 127.x addresses: this stack's provisioning network.
        settings.put("staypuft.runner.network.provisioning-networks", "127.0.0.0/8");
        settings.put("staypuft.runner.ssh.connect-timeout", "5s");
        settings.put("staypuft.runner.ssh.auth-timeout", "10s");
        settings.put("staypuft.runner.puppet.timeout-grace", "5s");
        settings.put("staypuft.runner.retry.unreachable-backoff", "1s");
        settings.put("staypuft.runner.retry.in-progress-backoff", "1s");
        settings.put("staypuft.runner.retry.max-backoff", "3s");
        // The crash scenario restarts a killed runner: its open requests are taken over once its lease lapses.
        settings.put("staypuft.runner.replica.lease", "6s");
        settings.put("staypuft.runner.replica.heartbeat", "2s");
        // A killed runner holds its partitions until its consumer session expires: keep that short.
        settings.put("mp.messaging.incoming.puppet-commands.session.timeout.ms", "6000");
        return settings;
    }

    private static Map<String, String> listenerSettings(Path proxyKey) {
        Map<String, String> settings = common();
        int port = ServiceProcess.freePort();
        settings.put(ServiceProcess.PORT, Integer.toString(port));
        settings.put("staypuft.listener.public-url", "http://localhost:" + port);
        settings.put("staypuft.listener.proxy-public-key-file", proxyKey + ".pub");
        return settings;
    }

    private static Map<String, String> registrySettings(Path proxyKey, int proxyPort, RegistryEnc enc) {
        Map<String, String> settings = common();
        settings.putAll(enc.registrySettings());
        int port = ServiceProcess.freePort();
        settings.put(ServiceProcess.PORT, Integer.toString(port));
        // Hosts reach it here: the kickstart URL in the kexec append line is under it.
        settings.put("staypuft.registry.unattended.base-url", "http://localhost:" + port);
        settings.put("staypuft.registry.proxy-public-key-file", proxyKey + ".pub");
        settings.put("staypuft.registry.discovery-proxy.url-template", "http://{address}:" + proxyPort);
        settings.put("staypuft.registry.discovery-proxy.timeout", "PT15S");
        // A kexec "installer" whose URLs nobody fetches: its append line carries the build token to the host.
        settings.put("staypuft.registry.discovery-proxy.kexec.kernel", "http://installer.invalid/vmlinuz");
        settings.put("staypuft.registry.discovery-proxy.kexec.initram", "http://installer.invalid/initrd.img");
        settings.put("staypuft.registry.discovery-proxy.kexec.append", "inst.ks={kickstartUrl} inst.text");
        return settings;
    }

    private static Map<String, String> orchestratorSettings(int sshPort) {
        Map<String, String> settings = common();
        settings.put("staypuft.orchestrator.ssh-port", Integer.toString(sshPort));
        settings.put("staypuft.orchestrator.ssh-retry", "5s");
        settings.put("staypuft.orchestrator.request-grace", "15s");
        settings.put("staypuft.orchestrator.configuration-timeout", "30s");
        settings.put("staypuft.orchestrator.events.poll-interval", "200ms");
        settings.put("staypuft.orchestrator.deadlines.scan-interval", "1s");
        settings.put("staypuft.orchestrator.role-defaults.provisioning-timeout", "120s");
        settings.put("staypuft.orchestrator.role-defaults.ssh-ready-timeout", "60s");
        settings.put("staypuft.orchestrator.role-defaults.puppet-run-timeout", "60s");
        settings.put("mp.messaging.incoming.host-events.session.timeout.ms", "6000");
        settings.put("mp.messaging.incoming.puppet-results.session.timeout.ms", "6000");
        return settings;
    }

    /**
     * A simulated host of {@code role} (which picks its catalog) that lets the runner's key in, asks the registry's
     * ENC at every run and sends its built callback there; with the discovery image's proxy. A registered host
     * usually comes with its agent service running (the prepare run must stop it), a discovered one without.
     */
    SimulatedHost addHost(String name, String role, boolean agentServiceRunning) {
        SimulatedHost host = simulator.addHost(HostSpec.named(name).role(role).sshPort(sshPort)
                .discoveryProxy(proxyPort).runDuration(PUPPET_RUN).agentServiceRunning(agentServiceRunning)
                .authorizedKey(runnerPublicKey).build());
        host.useRegistry(URI.create(registry.url()), enc.access());
        host.setInstallDuration(INSTALLATION);
        return host;
    }

    private void close() {
        simulator.close();
        for (ServiceProcess service : new ServiceProcess[]{orchestrator, runner, registry, listener}) {
            service.close();
        }
    }
}
