package org.staypuft.runner.reboot;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
import org.staypuft.runner.request.BookkeepingRetry;
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
    private ScheduledExecutorService timer;

    @PostConstruct
    void start() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "reboot-bookkeeping-retry");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        timer = scheduler;
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
        timer.shutdownNow();
        calls.shutdownNow();
    }

    public void dispatch(RequestReboot request) {
        lanes.enqueue(request.hostId(), () -> calls.execute(() -> call(request, 0)));
    }

    /**
     * Records the start, calls the proxy, records the answer. When the database does not take the start, nothing is
     * sent and the whole is tried again after a back-off; when it does not take the answer, only the recording is
     * tried again (the proxy is never called twice). The host's lane stays held meanwhile.
     */
    private void call(RequestReboot request, int failures) {
        Instant now = Instant.now();
        if (request.expiredAt(now)) {
            // Its turn came after its start limit (behind a puppet run on the host, or the bookkeeping retries).
            expire(request, now, 0);
            return;
        }
        try {
            reboots.markRunning(request);
        } catch (RequestTakenOver e) {
            LOG.warnf("Reboot %s: %s; dropped here", request.requestId(), e.getMessage());
            lanes.release(request.hostId());
            return;
        } catch (RuntimeException e) {
            Duration backoff = BookkeepingRetry.after(failures + 1);
            LOG.warnf("Could not record the start of reboot %s (%s); nothing was sent, trying again in %s",
                    request.requestId(), e.getMessage(), backoff);
            timer.schedule(() -> calls.execute(() -> call(request, failures + 1)), backoff.toMillis(),
                    TimeUnit.MILLISECONDS);
            return;
        }
        Optional<String> failure;
        try {
            failure = proxy.reboot(request);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Reboot %s of host %s failed inside the runner", request.requestId(), request.hostId());
            failure = Optional.of("runner error: " + e);
        }
        complete(request, failure, 0);
    }

    private void expire(RequestReboot request, Instant now, int failures) {
        try {
            reboots.expire(request, now);
        } catch (RequestTakenOver e) {
            LOG.warnf("Reboot %s: %s; dropped here", request.requestId(), e.getMessage());
        } catch (RuntimeException e) {
            Duration backoff = BookkeepingRetry.after(failures + 1);
            LOG.warnf("Could not record the expiry of reboot %s (%s); nothing was sent, trying again in %s",
                    request.requestId(), e.getMessage(), backoff);
            timer.schedule(() -> expire(request, now, failures + 1), backoff.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        lanes.release(request.hostId());
    }

    private void complete(RequestReboot request, Optional<String> failure, int failures) {
        try {
            reboots.complete(request, failure);
        } catch (RequestTakenOver e) {
            LOG.warnf("Reboot %s: %s; dropped here", request.requestId(), e.getMessage());
        } catch (RuntimeException e) {
            Duration backoff = BookkeepingRetry.after(failures + 1);
            LOG.errorf("Could not record the answer to reboot %s, retrying in %s: %s", request.requestId(), backoff,
                    e.getMessage());
            timer.schedule(() -> complete(request, failure, failures + 1), backoff.toMillis(),
                    TimeUnit.MILLISECONDS);
            return;
        }
        lanes.release(request.hostId());
    }
}
