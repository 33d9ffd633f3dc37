package org.staypuft.simulator;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a timed test: what thousands of simulated hosts cost in one JVM, against sshd-core's defaults, and what one SSH
 * connection to a simulated host costs. Run it with
 *
 * <pre>
 * ./mvnw -o -pl host-simulator verify -Pbenchmark
 * </pre>
 *
 * Results are printed and appended to {@code host-simulator/target/benchmark-results.md}.
 */
@Tag("benchmark")
class SimulatorFootprintBenchmark {

    private final List<String> lines = new ArrayList<>();

    @Test
    void footprintOfManyHostsAndCostOfAConnection() throws Exception {
        lines.add(String.format("%n%s  %d cores, max heap %d MiB%n", OffsetDateTime.now(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        lines.add("| setup | hosts | start s | threads | heap MiB (after GC) | open files |");
        lines.add("|---|---|---|---|---|---|");
        Footprint baseline = Footprint.now();
        defaultServers(200, baseline);
        for (int hosts : new int[]{1000, 5000}) {
            try (HostSimulator simulator = HostSimulator.start()) {
                long start = System.nanoTime();
                simulator.addHosts(hosts, i -> HostSpec.named("footprint-" + i).build());
                row("HostSimulator (shared NIO group and timer)", hosts, start, baseline);
            }
        }
        connectionCost(1000, 16);
        String text = String.join("\n", lines) + "\n";
        System.out.println(text);
        Files.writeString(Path.of("target/benchmark-results.md"), text, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** sshd-core's defaults: every server makes its own NIO group (cores + 1 threads) and timer. */
    private void defaultServers(int count, Footprint baseline) throws IOException {
        List<SshServer> servers = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (int i = 0; i < count; i++) {
                SshServer server = SshServer.setUpDefaultServer();
                server.setHost("127.99." + (i / 250) + "." + (1 + i % 250));
                server.setPort(0);
                server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider());
                server.start();
                servers.add(server);
            }
            // sshd-core starts NIO threads lazily; one connection each would start them all. Count what exists.
            row("plain SshServer per host (sshd-core defaults)", count, start, baseline);
        } finally {
            for (SshServer server : servers) {
                server.stop(true);
            }
        }
    }

    /** Connect, authenticate, run one command, disconnect: against every host, {@code parallel} at a time. */
    private void connectionCost(int hosts, int parallel) throws Exception {
        try (HostSimulator simulator = HostSimulator.start(); TestSshClient ssh = new TestSshClient()) {
            List<SimulatedHost> all = simulator.addHosts(hosts, i -> HostSpec.named("cost-" + i)
                    .runDuration(Duration.ZERO).authorizedKey(ssh.publicKeyLine()).build());
            ExecutorService pool = Executors.newFixedThreadPool(parallel);
            try {
                for (int warm = 0; warm < 100; warm++) {
                    ssh.exec(all.get(warm), "true");
                }
                long start = System.nanoTime();
                List<Future<Long>> each = new ArrayList<>();
                for (SimulatedHost host : all) {
                    each.add(pool.submit(() -> {
                        long t = System.nanoTime();
                        ssh.exec(host, "puppet agent --onetime --detailed-exitcodes");
                        return System.nanoTime() - t;
                    }));
                }
                long[] millis = new long[hosts];
                for (int i = 0; i < hosts; i++) {
                    millis[i] = each.get(i).get() / 1_000_000;
                }
                double wall = (System.nanoTime() - start) / 1e9;
                java.util.Arrays.sort(millis);
                lines.add("");
                lines.add(String.format("sshd-core client -> simulated hosts, %d parallel: %d connections (connect, "
                        + "auth, puppet agent with a 0 ms run, disconnect) in %.1f s = %.0f/s; per connection p50 %d ms,"
                        + " p95 %d ms", parallel, hosts, wall, hosts / wall, millis[hosts / 2],
                        millis[hosts * 95 / 100]));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private void row(String setup, int hosts, long startNanos, Footprint baseline) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Footprint now = Footprint.now();
        lines.add(String.format("| %s | %d | %.1f | %d | %d | %d |", setup, hosts, seconds,
                now.threads - baseline.threads, (now.heapBytes - baseline.heapBytes) / (1024 * 1024),
                now.openFiles - baseline.openFiles));
    }

    private record Footprint(int threads, long heapBytes, long openFiles) {

        static Footprint now() {
            System.gc();
            long files;
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                files = fds.count();
            } catch (IOException e) {
                files = -1;
            }
            return new Footprint(ManagementFactory.getThreadMXBean().getThreadCount(),
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), files);
        }
    }
}
