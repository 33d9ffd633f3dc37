package org.staypuft.simulator;

import java.net.InetAddress;
import java.net.URI;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.staypuft.simulator.announce.Announcement;
import org.staypuft.simulator.announce.HostIdentity;
import org.staypuft.simulator.announce.ListenerClient;
import org.staypuft.simulator.enc.EncAccess;
import org.staypuft.simulator.enc.EncClient;
import org.staypuft.simulator.provisioning.BuildTokenSource;
import org.staypuft.simulator.provisioning.BuiltCallback;
import org.staypuft.simulator.proxy.DiscoveryProxyServer;
import org.staypuft.simulator.puppet.FakePuppetAgent;
import org.staypuft.simulator.puppet.RoleCatalogs;
import org.staypuft.simulator.puppet.Runmode;
import org.staypuft.simulator.ssh.HostSshServer;
import org.staypuft.simulator.ssh.OpenSshKeys;

/**
 * One simulated host: an SSH server on its own loopback address, a fake puppet agent, optionally the discovery
 * image's power proxy, and the faults a test can inject.
 */
public final class SimulatedHost {

    private static final int COMMAND_LOG_SIZE = 200;
    /** How long the simulated installation takes from the reboot request to the built callback. */
    public static final Duration DEFAULT_INSTALL_DURATION = Duration.ofSeconds(2);

    private final HostSpec spec;
    private final InetAddress address;
    private final SimulatorRuntime runtime;
    private final FakePuppetAgent agent;
    private final List<PublicKey> authorizedKeys = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<String> commandLog = new ConcurrentLinkedDeque<>();
    private final List<String> injections = new CopyOnWriteArrayList<>();
    private final AtomicInteger reboots = new AtomicInteger();

    private volatile KeyPair hostKey = OpenSshKeys.newEd25519();
    private volatile HostSshServer sshServer;
    private volatile int sshPort;
    private volatile DiscoveryProxyServer proxy;
    private volatile HostLifecycle lifecycle = HostLifecycle.DISCOVERED;
    private volatile Map<String, Object> lastKexec;
    private volatile boolean remoteTimeoutBroken;
    private volatile Announcement announcement;
    private volatile String registryUrl;
    private volatile Duration installDuration = DEFAULT_INSTALL_DURATION;
    private volatile int builtCallbackStatus = -1;

    SimulatedHost(HostSpec spec, InetAddress address, SimulatorRuntime runtime) {
        this.spec = spec;
        this.address = address;
        this.runtime = runtime;
        this.agent = new FakePuppetAgent(spec.name(), RoleCatalogs.forRole(spec.role()), runtime.scheduler(),
                spec.runDuration(), spec.runmode(), spec.agentServiceRunning());
        spec.authorizedKeys().forEach(this::authorize);
    }

    void start() {
        sshServer = HostSshServer.start(this, spec.sshPort(), () -> hostKey, runtime.ioFactory(), runtime.scheduler(),
                runtime.commands(), runtime.sessionStats());
        sshPort = sshServer.port();
        if (spec.proxyPort() >= 0) {
            proxy = DiscoveryProxyServer.start(this, spec.proxyPort(), runtime.commands());
        }
    }

    void stop() {
        HostSshServer server = sshServer;
        if (server != null) {
            server.stop();
        }
        if (proxy != null) {
            proxy.stop();
        }
    }

    // --- identity -------------------------------------------------------------------------------------------------

    public String name() {
        return spec.name();
    }

    public String role() {
        return spec.role();
    }

    public InetAddress address() {
        return address;
    }

    public int sshPort() {
        return sshPort;
    }

    /**
     * The boot NIC's MAC: QEMU's prefix 52:54:00 and the last three bytes of the address, so it is unique among all
     * simulated hosts of the machine.
     */
    public String mac() {
        byte[] bytes = address.getAddress();
        return String.format("52:54:00:%02x:%02x:%02x", bytes[1] & 0xff, bytes[2] & 0xff, bytes[3] & 0xff);
    }

    /** The host name it announces: its simulator name as an RFC 1123 label. */
    public String hostname() {
        String name = spec.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        return name.replaceAll("^-+|-+$", "");
    }

    /**
     * The certname its simulated puppet runs use: the host id the listener gives it ({@code mac} + the MAC's 12 hex
     * digits, for discovered and registered hosts alike), which the registry's ENC accepts unambiguously.
     */
    public String certname() {
        Announcement announced = announcement;
        if (announced != null && announced.hostId() != null) {
            return announced.hostId();
        }
        return "mac" + mac().replace(":", "");
    }

    public HostIdentity identity() {
        return new HostIdentity(hostname(), address.getHostAddress(), mac(), hostKeyLine());
    }

    /** The current host key in known_hosts form, e.g. {@code ssh-ed25519 AAAA...}. */
    public String hostKeyLine() {
        return OpenSshKeys.line(hostKey.getPublic());
    }

    public PublicKey hostKey() {
        return hostKey.getPublic();
    }

    /** Base URL of the discovery image's proxy, or null when this host has none. */
    public String proxyUrl() {
        DiscoveryProxyServer server = proxy;
        return server == null ? null : "http://" + address.getHostAddress() + ":" + server.port();
    }

    public FakePuppetAgent agent() {
        return agent;
    }

    // --- announcing itself and its puppet server ----------------------------------------------------------------

    /** Uploads its facts to the discovery listener, as the discovery image does after booting. */
    public Announcement discoverAt(URI listenerUrl) {
        return announced(new ListenerClient(runtime.http(), listenerUrl).discover(identity()));
    }

    /** Registers through the listener's registration API, as the client installer does. */
    public Announcement registerAt(URI listenerUrl, String registrationToken) {
        return announced(new ListenerClient(runtime.http(), listenerUrl).register(identity(), registrationToken));
    }

    private Announcement announced(Announcement announced) {
        announcement = announced;
        if (registryUrl != null) {
            agent.setCertname(certname());
        }
        return announced;
    }

    /** The listener's answer to the last announcement, or null. */
    public Announcement announcement() {
        return announcement;
    }

    /**
     * Takes environment, runmode and role classes from the registry's ENC at every puppet run (as an agent does
     * through its server), and sends built callbacks to the registry after a reinstallation. Null: back to the Java
     * API.
     */
    public void useRegistry(URI registryUrl, EncAccess enc) {
        this.registryUrl = registryUrl == null ? null : registryUrl.toString();
        agent.setClassifier(registryUrl == null ? null : new EncClient(runtime.http(), enc));
        // Without a registry the agent keeps the simulator name as certname, which other modules' tests rely on.
        agent.setCertname(registryUrl == null ? spec.name() : certname());
    }

    // --- authorized keys ------------------------------------------------------------------------------------------

    /** Adds an {@code authorized_keys} line (e.g. the runner's public key). */
    public void authorize(String openSshLine) {
        authorizedKeys.add(OpenSshKeys.parse(openSshLine));
    }

    public void revokeAll() {
        authorizedKeys.clear();
    }

    /** The SSH server's verdict on a public key login. */
    public boolean acceptsLogin(String username, PublicKey key) {
        if (spec.loginUser() != null && !spec.loginUser().equals(username)) {
            return false;
        }
        return authorizedKeys.stream().anyMatch(authorized -> KeyUtils.compareKeys(authorized, key));
    }

    // --- puppet management ----------------------------------------------------------------------------------------

    /** The runmode the host's ENC parameters say; the next puppet run brings {@code Service[puppet]} in line. */
    public void setRunmode(Runmode runmode) {
        agent.setRunmode(runmode);
    }

    public boolean agentServiceRunning() {
        return agent.serviceRunning();
    }

    /** Puppet runs that took the agent lock on this host. */
    public int puppetRuns() {
        return agent.runs();
    }

    // --- faults ---------------------------------------------------------------------------------------------------

    /** Unreachable: the SSH server stops listening (connection refused) until made reachable again. */
    public synchronized void setReachable(boolean reachable) {
        if (!reachable && sshServer != null) {
            sshServer.stop();
            sshServer = null;
        } else if (reachable && sshServer == null) {
            sshServer = HostSshServer.start(this, sshPort, () -> hostKey, runtime.ioFactory(), runtime.scheduler(),
                    runtime.commands(), runtime.sessionStats());
        }
    }

    /** Slow: puppet runs take this long. */
    public void setRunDuration(Duration duration) {
        agent.setRunDuration(duration);
    }

    /** Resources that fail every run, e.g. {@code Service[openstack-keystone]}. */
    public void failResources(String... refs) {
        agent.setFailingResources(new HashSet<>(Arrays.asList(refs)));
    }

    /** A run that never ends until it is terminated. */
    public void setHanging(boolean hanging) {
        agent.setHanging(hanging);
    }

    /** Drift: enabling the agent changes another resource too ({@code File[/etc/puppet/puppet.conf]}). */
    public void setDrift(boolean drift) {
        agent.setDrift(drift);
    }

    /**
     * The host's {@code timeout(1)} does not stop a run (a process stuck in the kernel ignores SIGTERM): only the
     * caller closing the channel or signalling it ends a hanging run.
     */
    public void setRemoteTimeoutBroken(boolean broken) {
        this.remoteTimeoutBroken = broken;
    }

    public boolean remoteTimeoutBroken() {
        return remoteTimeoutBroken;
    }

    /** The agent service's own run holds the lock for a while: triggered runs exit 1 "already in progress". */
    public boolean holdAgentLock(Duration duration) {
        return agent.holdLock(duration);
    }

    /** The host was reinstalled: it presents a new host key from the next connection on. */
    public void changeHostKey() {
        hostKey = OpenSshKeys.newEd25519();
    }

    /** The discovery proxy answers 500 to power requests. */
    public void setProxyFailing(boolean failing) {
        DiscoveryProxyServer server = proxy;
        if (server != null) {
            server.setFailing(failing);
        }
    }

    // --- lifecycle (discovery proxy) ------------------------------------------------------------------------------

    public HostLifecycle lifecycle() {
        return lifecycle;
    }

    public int reboots() {
        return reboots.get();
    }

    /** The body of the last {@code PUT /power/kexec}, or null. */
    public Map<String, Object> lastKexec() {
        return lastKexec;
    }

    /**
     * Called by the proxy: the host goes down to install itself. When it knows a build token (from the kexec request)
     * and where the registry is, it reinstalls after {@link #setInstallDuration} and sends the built callback.
     */
    public void rebootIntoInstaller(Map<String, Object> kexec) {
        reboots.incrementAndGet();
        lastKexec = kexec;
        lifecycle = HostLifecycle.PROVISIONING;
        Optional<String> token = BuildTokenSource.fromKexec(kexec);
        Optional<String> registry = Optional.ofNullable(registryUrl).or(() -> BuildTokenSource.registryFromKexec(
                kexec));
        if (token.isPresent() && registry.isPresent()) {
            runtime.scheduler().schedule(() -> runtime.commands().execute(
                    () -> reinstall(registry.get(), token.get())), installDuration.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * The installation: a new system with a new host key and fresh puppet state, ending with {@code finish.sh}'s
     * built callback. The new key is presented only after the callback, when the installed system boots: whoever
     * checks host keys strictly must take them from the callback, not from discovery.
     */
    private void reinstall(String registry, String token) {
        KeyPair installedKey = OpenSshKeys.newEd25519();
        agent.reinstalled();
        builtCallbackStatus = new BuiltCallback(runtime.http()).send(registry, token,
                List.of(OpenSshKeys.line(installedKey.getPublic())));
        hostKey = installedKey;
        lifecycle = HostLifecycle.BUILT;
    }

    /** How long an installation takes from the reboot request to the built callback (default 2 s). */
    public void setInstallDuration(Duration installDuration) {
        this.installDuration = installDuration;
    }

    /** The registry's answer to the last built callback: an HTTP status, 0 unreachable, -1 none sent yet. */
    public int builtCallbackStatus() {
        return builtCallbackStatus;
    }

    // --- what the host saw ----------------------------------------------------------------------------------------

    public void recordCommand(String commandLine) {
        commandLog.addLast(commandLine);
        while (commandLog.size() > COMMAND_LOG_SIZE) {
            commandLog.pollFirst();
        }
    }

    /** The last exec requests this host received, oldest first. */
    public List<String> commandLog() {
        return new ArrayList<>(commandLog);
    }

    public void recordInjection(String commandLine) {
        injections.add(commandLine);
    }

    /** Command lines that carried shell syntax (chaining, substitution, redirection): should stay empty. */
    public List<String> injections() {
        return List.copyOf(injections);
    }

    @Override
    public String toString() {
        return name() + "@" + address.getHostAddress() + ":" + sshPort;
    }
}
