package org.staypuft.simulator.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.staypuft.simulator.HostSimulator;
import org.staypuft.simulator.HostSpec;
import org.staypuft.simulator.SimulatedHost;
import org.staypuft.simulator.puppet.Runmode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Starts N simulated hosts of a layout and prints them as JSON (name, role, address, SSH port, host key, proxy URL),
 * then runs until interrupted. For the local stack and manual tests:
 *
 * <pre>
 * java -jar host-simulator.jar --hosts 20 --layout openstack --authorized-keys-file runner.pub
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
              --exit                      print the hosts and stop them again (for scripts and tests)
            """;

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
        HostSimulator simulator = start(options);
        System.out.println(describe(simulator.hosts()));
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
            simulator.addHost(spec.build());
        }
        return simulator;
    }

    static String describe(Iterable<SimulatedHost> hosts) throws IOException {
        List<Map<String, Object>> described = new ArrayList<>();
        for (SimulatedHost host : hosts) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", host.name());
            entry.put("role", host.role());
            entry.put("address", host.address().getHostAddress());
            entry.put("sshPort", host.sshPort());
            entry.put("hostKey", host.hostKeyLine());
            entry.put("proxyUrl", host.proxyUrl());
            described.add(entry);
        }
        described.sort((a, b) -> ((String) a.get("address")).compareTo((String) b.get("address")));
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
            if (name.equals("help") || name.equals("exit") || name.equals("agent-running")) {
                options.computeIfAbsent(name, key -> new ArrayList<>());
            } else if (i + 1 < args.length) {
                options.computeIfAbsent(name, key -> new ArrayList<>()).add(args[++i]);
            } else {
                throw new IllegalArgumentException("Option " + arg + " needs a value");
            }
        }
        return options;
    }

    private static String option(Map<String, List<String>> options, String name, String fallback) {
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
