package org.staypuft.runner.request;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.staypuft.runner.config.RunnerConfig;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Keeps this replica's lease and picks up what stopped replicas left: at startup and on every heartbeat, open
 * requests whose owner's lease ran out are taken over. Queued ones are dispatched here; ones caught running complete
 * as interrupted (see {@link RequestHandler#takeOver(int)}). A previous process of this machine is such a replica
 * too: it had another id, so after a crash its requests are picked up once its lease has run out.
 */
@ApplicationScoped
public class RequestRecovery {

    private static final Logger LOG = Logger.getLogger(RequestRecovery.class);

    @Inject
    RunnerConfig config;

    @Inject
    ReplicaLease lease;

    /** Every kind of request (puppet runs, reboots); this package knows them only by this interface. */
    @Inject
    @Any
    Instance<RequestHandler<?>> handlers;

    private ScheduledExecutorService heartbeat;

    void onStart(@Observes StartupEvent event) {
        lease.renew();
        recover();
        long period = config.replica().heartbeat().toMillis();
        heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "runner-replica-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        try {
            lease.release();
        } catch (RuntimeException e) {
            LOG.warnf("Could not end this replica's lease; the others take over when it runs out: %s",
                    e.getMessage());
        }
    }

    private void beat() {
        try {
            lease.renew();
            recover();
            lease.forgetGoneReplicas();
        } catch (RuntimeException e) {
            // The database may be away; the next beat tries again. Nothing reaches a host on an expired lease.
            LOG.warnf("Replica heartbeat of %s failed: %s", lease.id(), e.getMessage());
        }
    }

    /** @return how many requests were taken over from stopped replicas */
    public int recover() {
        int takenOver = 0;
        List<RequestHandler<?>> kinds = handlers.stream()
                .sorted(Comparator.comparing((RequestHandler<?> handler) -> handler.kind())).toList();
        for (RequestHandler<?> handler : kinds) {
            takenOver += recover(handler);
        }
        return takenOver;
    }

    private <R> int recover(RequestHandler<R> handler) {
        int limit = config.replica().takeOverBatch();
        int takenOver = 0;
        int dispatched = 0;
        int interrupted = 0;
        TakenOver<R> found;
        do {
            found = handler.takeOver(limit);
            found.toDispatch().forEach(handler::dispatchTakenOver);
            takenOver += found.takenOver();
            dispatched += found.toDispatch().size();
            interrupted += found.interrupted();
        } while (found.takenOver() == limit);
        if (takenOver > 0) {
            LOG.infof("Replica %s took over %d %s request(s) of stopped replicas: %d dispatched (running ones are "
                    + "looked at on their hosts first), %d interrupted by the stop completed as failed", lease.id(),
                    takenOver, handler.kind(), dispatched, interrupted);
        }
        return takenOver;
    }
}
