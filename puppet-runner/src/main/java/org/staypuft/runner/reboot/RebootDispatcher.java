package org.staypuft.runner.reboot;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.staypuft.events.provisioning.RequestReboot;
import org.staypuft.runner.config.RunnerConfig;
import org.staypuft.runner.request.HostLanes;
import org.staypuft.runner.request.RequestTakenOver;

/** Sends accepted reboots to the discovery proxy, in the host's lane (never during a puppet run on it). */
@ApplicationScoped
public class RebootDispatcher {

    private static final Logger LOG = Logger.getLogger(RebootDispatcher.class);

    @Inject
    RunnerConfig config;

    @Inject
    DiscoveryProxyClient proxy;

    @Inject
    RebootService reboots;

    @Inject
    HostLanes lanes;

    private ExecutorService calls;

    @PostConstruct
    void start() {
        int concurrency = config.reboot().concurrency();
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(concurrency, concurrency, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "reboot-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        calls = pool;
    }

    @PreDestroy
    void stop() {
        calls.shutdownNow();
    }

    public void dispatch(RequestReboot request) {
        lanes.enqueue(request.hostId(), () -> calls.execute(() -> call(request)));
    }

    private void call(RequestReboot request) {
        try {
            reboots.markRunning(request);
            Optional<String> failure = proxy.reboot(request);
            reboots.complete(request, failure);
        } catch (RequestTakenOver e) {
            LOG.warnf("Reboot %s: %s; dropped here", request.requestId(), e.getMessage());
        } catch (RuntimeException e) {
            // The row stays open: a restart finds it (RUNNING: completed as interrupted).
            LOG.errorf(e, "Reboot %s of host %s failed inside the runner", request.requestId(), request.hostId());
        } finally {
            lanes.release(request.hostId());
        }
    }
}
