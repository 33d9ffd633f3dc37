package org.staypuft.runner.request;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.staypuft.runner.config.RunnerConfig;
import org.staypuft.runner.puppet.PuppetRunDispatcher;
import org.staypuft.runner.puppet.PuppetRunService;
import org.staypuft.runner.reboot.RebootDispatcher;
import org.staypuft.runner.reboot.RebootService;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Keeps this replica's lease and picks up what stopped replicas left: at startup and on every heartbeat, open
 * requests whose owner's lease ran out are taken over. Queued ones are dispatched here; ones caught running complete
 * as interrupted (see {@link PuppetRunService#takeOver(int)}). A previous process of this machine is such a replica
 * too: it had another id, so after a crash its requests are picked up once its lease has run out.
 */
@ApplicationScoped
public class RequestRecovery {

    private static final Logger LOG = Logger.getLogger(RequestRecovery.class);

    @Inject
    RunnerConfig config;

    @Inject
    ReplicaLease lease;

    @Inject
    PuppetRunService puppetRuns;

    @Inject
    PuppetRunDispatcher puppetRunDispatcher;

    @Inject
    RebootService reboots;

    @Inject
    RebootDispatcher rebootDispatcher;

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
        int limit = config.replica().takeOverBatch();
        int takenOver = 0;
        int dispatched = 0;
        int interrupted = 0;
        PuppetRunService.Recovered runs;
        do {
            runs = puppetRuns.takeOver(limit);
            for (int i = 0; i < runs.toDispatch().size(); i++) {
                puppetRunDispatcher.dispatch(runs.toDispatch().get(i), runs.attemptsSoFar().get(i));
            }
            takenOver += runs.takenOver();
            dispatched += runs.toDispatch().size();
            interrupted += runs.interrupted();
        } while (runs.takenOver() == limit);
        RebootService.Recovered queuedReboots;
        do {
            queuedReboots = reboots.takeOver(limit);
            queuedReboots.toDispatch().forEach(rebootDispatcher::dispatch);
            takenOver += queuedReboots.takenOver();
            dispatched += queuedReboots.toDispatch().size();
        } while (queuedReboots.takenOver() == limit);
        if (takenOver > 0) {
            LOG.infof("Replica %s took over %d request(s) of stopped replicas: %d queued ones dispatched, %d puppet "
                    + "run(s) interrupted by the stop completed as FAILED", lease.id(), takenOver, dispatched,
                    interrupted);
        }
        return takenOver;
    }
}
