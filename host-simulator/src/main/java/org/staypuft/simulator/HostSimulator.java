package org.staypuft.simulator;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.staypuft.simulator.ssh.SharedIoServiceFactory;

/**
 * Many simulated hosts in one JVM. Every host has a real SSH server on its own loopback address; they all share one
 * NIO group, one timer and one small pool for commands, so a host costs a listening socket and some memory, not
 * threads (see docs/benchmarks.md for the numbers).
 *
 * <pre>{@code
 * try (HostSimulator simulator = HostSimulator.start()) {
 *     SimulatedHost host = simulator.addHost(HostSpec.named("compute-1").role("compute")
 *             .authorizedKey(runnerPublicKey).build());
 *     // ssh root@host.address() -p host.sshPort() 'puppet agent --onetime --detailed-exitcodes'
 * }
 * }</pre>
 */
public final class HostSimulator implements AutoCloseable {

    private final SimulatorRuntime runtime;
    private final LoopbackAddresses addresses;
    private final Map<String, SimulatedHost> hosts = new ConcurrentHashMap<>();

    /**
     * @param firstAddress the first host's address; the others follow it
     * @param ioThreads threads of the shared NIO group
     * @param commandThreads threads that run commands and the proxies' HTTP handlers
     */
    public HostSimulator(String firstAddress, int ioThreads, int commandThreads) {
        this.addresses = new LoopbackAddresses(firstAddress);
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, daemon("simulator-timer"));
        scheduler.setRemoveOnCancelPolicy(true);
        ExecutorService commands = Executors.newFixedThreadPool(commandThreads, daemon("simulator-command"));
        this.runtime = new SimulatorRuntime(new SharedIoServiceFactory(ioThreads), scheduler, commands,
                new SessionStats(), HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    }

    /**
     * A simulator on a random 127.x.0.0/16 block, so that simulators of parallel test JVMs do not share addresses.
     */
    public static HostSimulator start() {
        int block = ThreadLocalRandom.current().nextInt(16, 250);
        int cores = Runtime.getRuntime().availableProcessors();
        return new HostSimulator("127." + block + ".0.1", Math.max(2, cores), Math.max(4, 2 * cores));
    }

    /** Starts a host on the next free loopback address. */
    public SimulatedHost addHost(HostSpec spec) {
        SimulatedHost host = new SimulatedHost(spec, addresses.next(), runtime);
        if (hosts.putIfAbsent(spec.name(), host) != null) {
            throw new IllegalArgumentException("A host named " + spec.name() + " exists already");
        }
        try {
            host.start();
        } catch (RuntimeException e) {
            hosts.remove(spec.name());
            throw e;
        }
        return host;
    }

    public List<SimulatedHost> addHosts(int count, IntFunction<HostSpec> specOfIndex) {
        List<SimulatedHost> added = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            added.add(addHost(specOfIndex.apply(i)));
        }
        return added;
    }

    public SimulatedHost host(String name) {
        SimulatedHost host = hosts.get(name);
        if (host == null) {
            throw new IllegalArgumentException("No host named " + name);
        }
        return host;
    }

    public Collection<SimulatedHost> hosts() {
        return List.copyOf(hosts.values());
    }

    /** Stops a host's servers and forgets it. */
    public void removeHost(String name) {
        SimulatedHost host = hosts.remove(name);
        if (host != null) {
            host.stop();
        }
    }

    /** SSH sessions across all hosts, as the servers see them. */
    public SessionStats sessions() {
        return runtime.sessionStats();
    }

    @Override
    public void close() {
        hosts.values().forEach(SimulatedHost::stop);
        hosts.clear();
        runtime.ioFactory().close();
        runtime.scheduler().shutdownNow();
        runtime.commands().shutdownNow();
        try {
            runtime.commands().awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
