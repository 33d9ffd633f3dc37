package org.staypuft.simulator.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.staypuft.simulator.HostSimulator;
import org.staypuft.simulator.HostSpec;
import org.staypuft.simulator.SimulatedHost;
import org.staypuft.simulator.announce.Announcement;
import org.staypuft.simulator.announce.AnnouncementRefusedException;
import org.staypuft.simulator.enc.EncAccess;
import org.staypuft.simulator.puppet.Runmode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Starts N simulated hosts of a layout, optionally announces them to the discovery listener, and prints them as JSON
 * (name, role, address, SSH port, host key, proxy URL, and the host id the listener gave them), then runs until
 * interrupted. For the local stack and manual tests:
 *
 * <pre>
 * java -jar host-simulator.jar --hosts 30 --layout openstack --authorized-keys-file runner.pub \
 *     --listener-url http://localhost:8081 --registry-url http://localhost:8082 \
 *     --registration-token "$TOKEN" --registered-fraction 0.5
 * </pre>
 */
public final class SimulatorMain {

    static final String USAGE = """
            Usage: host-simulator [options]
              --hosts N                   hosts to start (default 10)
              --layout L                  openstack | ceph | generic | role:count,...,role:* (default openstack)
              --first-address A           first loopback address (default 127.1.0.1)
              --ssh-port P                SSH port of every host, 0 for ephemeral ports (default 2222)
              --proxy-port P              discovery proxy port, 0 ephemeral, -1 none (default 8443)
              --authorized-key LINE       an authorized_keys line every host accepts (repeatable)
              --authorized-keys-file F    a file of authorized_keys lines
              --run-duration-ms MS        how long a puppet run takes (default 2000)
              --runmode none|service      the agent's runmode (default none)
              --agent-running             Service[puppet] runs before the first puppet run
              --io-threads N              shared NIO threads (default: cores, at least 2)
              --listener-url URL          announce every host to this discovery listener after it started
              --discover                  every host uploads discovery facts (the default with --listener-url)
              --register                  every host registers (needs --registration-token)
              --registered-fraction F     this share of the hosts registers, the rest discovers (0..1)
              --registration-token T      the registration token (Authorization: Bearer) for registering hosts
              --registry-url URL          reinstalled hosts send their built callback to this registry; puppet
                                          runs take environment, runmode and classes from its ENC (needs both:)
              --enc-url URL               the registry's ENC port (staypuft.registry.enc.port), e.g. http://localhost:8089
              --enc-secret-file F         the ENC's shared secret (the registry's staypuft.registry.enc.secret-file)
              --install-delay-ms MS       how long a reinstallation takes after a reboot (default 2000)
              --exit                      print the hosts and stop them again (for scripts and tests)
            """;

    private static final Set<String> FLAGS = Set.of("help", "exit", "agent-running", "discover", "register");

    private SimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, List<String>> options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(64);
            return;
        }
        if (options.containsKey("help")) {
            System.out.print(USAGE);
            return;
        }
        HostSimulator simulator;
        try {
            simulator = start(options);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(64);
            return;
        }
        Map<String, String> refusals = announce(simulator, options);
        refusals.forEach((host, reason) -> System.err.println(host + ": not announced: " + reason));
        System.out.println(describe(simulator.hosts(), refusals));
        if (options.containsKey("exit")) {
            simulator.close();
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "simulator-stop"));
        stopped.await();
    }

    static HostSimulator start(Map<String, List<String>> options) throws IOException {
        // Refuse bad options before any host starts.
        URI registryUrl = urlOption(options, "registry-url");
        EncAccess enc = registryUrl == null ? null : encAccess(options);
        Duration installDuration = Duration.ofMillis(intOption(options, "install-delay-ms", 2000));
        AnnouncementPlan.of(options);
        int count = intOption(options, "hosts", 10);
        Layout layout = Layout.parse(option(options, "layout", "openstack"));
        int cores = Runtime.getRuntime().availableProcessors();
        HostSimulator simulator = new HostSimulator(option(options, "first-address", "127.1.0.1"),
                intOption(options, "io-threads", Math.max(2, cores)), Math.max(4, 2 * cores));
        List<String> keys = new ArrayList<>(options.getOrDefault("authorized-key", List.of()));
        for (String file : options.getOrDefault("authorized-keys-file", List.of())) {
            Files.readAllLines(Path.of(file)).stream().map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(keys::add);
        }
        Runmode runmode = Runmode.valueOf(option(options, "runmode", "none").toUpperCase(Locale.ROOT));
        Duration runDuration = Duration.ofMillis(intOption(options, "run-duration-ms", 2000));
        int sshPort = intOption(options, "ssh-port", 2222);
        int proxyPort = intOption(options, "proxy-port", 8443);
        List<String> roles = layout.roles(count);
        Map<String, Integer> perRole = new HashMap<>();
        for (String role : roles) {
            int index = perRole.merge(role, 1, Integer::sum);
            HostSpec.Builder spec = HostSpec.named(role + "-" + index).role(role).runmode(runmode)
                    .agentServiceRunning(options.containsKey("agent-running")).runDuration(runDuration)
                    .sshPort(sshPort).discoveryProxy(proxyPort);
            keys.forEach(spec::authorizedKey);
            SimulatedHost host = simulator.addHost(spec.build());
            host.setInstallDuration(installDuration);
            if (registryUrl != null) {
                host.useRegistry(registryUrl, enc);
            }
        }
        return simulator;
    }

    /**
     * Announces every host to the listener as the options say, in address order.
     *
     * @return host name to the reason, for the hosts the listener did not accept
     */
    static Map<String, String> announce(HostSimulator simulator, Map<String, List<String>> options) {
        AnnouncementPlan plan = AnnouncementPlan.of(options);
        Map<String, String> refusals = new LinkedHashMap<>();
        if (plan == null) {
            return refusals;
        }
        List<SimulatedHost> hosts = new ArrayList<>(simulator.hosts());
        hosts.sort(Comparator.comparing(SimulatorMain::addressKey));
        for (int i = 0; i < hosts.size(); i++) {
            SimulatedHost host = hosts.get(i);
            try {
                if (plan.registers(i)) {
                    host.registerAt(plan.listenerUrl(), plan.registrationToken());
                } else {
                    host.discoverAt(plan.listenerUrl());
                }
            } catch (AnnouncementRefusedException e) {
                refusals.put(host.name(), e.getMessage());
            }
        }
        return refusals;
    }

    static String describe(Iterable<SimulatedHost> hosts) throws IOException {
        return describe(hosts, Map.of());
    }

    static String describe(Iterable<SimulatedHost> hosts, Map<String, String> refusals) throws IOException {
        List<Map<String, Object>> described = new ArrayList<>();
        for (SimulatedHost host : hosts) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", host.name());
            entry.put("role", host.role());
            entry.put("address", host.address().getHostAddress());
            entry.put("sshPort", host.sshPort());
            entry.put("hostKey", host.hostKeyLine());
            entry.put("proxyUrl", host.proxyUrl());
            Announcement announced = host.announcement();
            if (announced != null) {
                entry.put("announcedAs", announced.kind().label());
                entry.put("hostId", announced.hostId());
                entry.put("listenerName", announced.name());
            }
            if (refusals.containsKey(host.name())) {
                entry.put("announceError", refusals.get(host.name()));
            }
            entry.put("addressKey", addressKey(host));
            described.add(entry);
        }
        described.sort(Comparator.comparing(entry -> (Long) entry.get("addressKey")));
        described.forEach(entry -> entry.remove("addressKey"));
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(Map.of("hosts", described));
    }

    static Map<String, List<String>> parse(String[] args) {
        Map<String, List<String>> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument: " + arg);
            }
            String name = arg.substring(2);
            if (FLAGS.contains(name)) {
                options.computeIfAbsent(name, key -> new ArrayList<>());
            } else if (i + 1 < args.length) {
                options.computeIfAbsent(name, key -> new ArrayList<>()).add(args[++i]);
            } else {
                throw new IllegalArgumentException("Option " + arg + " needs a value");
            }
        }
        return options;
    }

    /** Numeric order of the addresses (a string sort puts 127.1.0.10 before 127.1.0.2). */
    private static long addressKey(SimulatedHost host) {
        long key = 0;
        for (byte part : host.address().getAddress()) {
            key = (key << 8) | (part & 0xff);
        }
        return key;
    }

    private static EncAccess encAccess(Map<String, List<String>> options) throws IOException {
        URI encUrl = urlOption(options, "enc-url");
        String secretFile = option(options, "enc-secret-file", null);
        if (encUrl == null || secretFile == null) {
            throw new IllegalArgumentException("--registry-url needs --enc-url and --enc-secret-file: the ENC has its "
                    + "own port and answers only its shared secret");
        }
        return new EncAccess(encUrl, Files.readString(Path.of(secretFile)).strip());
    }

    static URI urlOption(Map<String, List<String>> options, String name) {
        String value = option(options, name, null);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                throw new URISyntaxException(value, "not an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--" + name + " needs an http(s) URL, got '" + value + "'", e);
        }
    }

    static String option(Map<String, List<String>> options, String name, String fallback) {
        List<String> values = options.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(values.size() - 1);
    }

    private static int intOption(Map<String, List<String>> options, String name, int fallback) {
        try {
            return Integer.parseInt(option(options, name, String.valueOf(fallback)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs a number", e);
        }
    }
}
