package org.staypuft.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Where the stack's parts listen. {@link #fixed(int)} is what {@code ./staypuft up} prints and the CLI expects (the
 * first orchestrator on 8083, further replicas on 8085 and on); {@link #free(int, String)} gives a test its own free
 * ports, so that it runs next to someone's stack.
 *
 * @param registryEnc the registry's node classifier (ENC), on a port of its own
 * @param orchestrators one port per orchestrator replica; the first is the one the CLI and the demo talk to
 * @param webhooks the webhook dispatcher (8090: clear of the orchestrator replicas up to six); 0: not started
 * @param simulatedHostsFirstAddress the demo's simulated hosts take this address and the ones after it
 */
record StackAddresses(int kafka, int kafkaController, int postgres, int listener, int registry, int registryEnc,
        int runner, List<Integer> orchestrators, int webhooks, String simulatedHostsFirstAddress, int simulatedSsh,
        int simulatedProxy) {

    StackAddresses {
        if (orchestrators.isEmpty()) {
            throw new IllegalArgumentException("at least one orchestrator");
        }
        orchestrators = List.copyOf(orchestrators);
    }

    static StackAddresses fixed(int orchestratorReplicas) {
        List<Integer> orchestrators = new ArrayList<>(List.of(8083));
        IntStream.range(1, orchestratorReplicas).forEach(i -> orchestrators.add(8084 + i));
        return new StackAddresses(19092, 19093, 15432, 8081, 8082, 8089, 8084, orchestrators, 8090, "127.1.0.1", 2222,
                8443);
    }

    /**
     * Without the webhook dispatcher: no test of the stack uses it (its own module tests it), and one JVM fewer
     * starts at once (TwoOrchestratorsIT with six services starting together at load 20 saw the registry and the
     * runner fail Flyway's first connection within the pool's 5 s).
     */
    static StackAddresses free(int orchestratorReplicas, String simulatedHostsFirstAddress) {
        List<Integer> orchestrators = IntStream.range(0, orchestratorReplicas).mapToObj(i -> freePort()).toList();
        return new StackAddresses(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(),
                freePort(), orchestrators, 0, simulatedHostsFirstAddress, freePort(), freePort());
    }

    /** The port of a service's first (or only) instance. */
    int port(StaypuftService service) {
        return switch (service) {
            case DISCOVERY_LISTENER -> listener;
            case HOST_REGISTRY -> registry;
            case ORCHESTRATOR -> orchestrators.get(0);
            case PUPPET_RUNNER -> runner;
            case WEBHOOK_DISPATCHER -> webhooks;
        };
    }

    String url(StaypuftService service) {
        return "http://localhost:" + port(service);
    }

    /** The registry's ENC, as the puppet server's {@code staypuft-enc} (here: the simulator) reaches it. */
    String encUrl() {
        return "http://localhost:" + registryEnc;
    }

    /** Every service process: one per service, and each orchestrator replica. */
    List<ServiceInstance> instances() {
        List<ServiceInstance> instances = new ArrayList<>();
        for (StaypuftService service : StaypuftService.values()) {
            if (service == StaypuftService.ORCHESTRATOR) {
                for (int replica = 0; replica < orchestrators.size(); replica++) {
                    instances.add(new ServiceInstance(service, replica, orchestrators.get(replica)));
                }
            } else if (service != StaypuftService.WEBHOOK_DISPATCHER || webhooks != 0) {
                instances.add(new ServiceInstance(service, 0, port(service)));
            }
        }
        return instances;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
