package org.staypuft.runner.puppet;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.staypuft.events.puppet.AgentState;
import org.staypuft.events.puppet.RequestPuppetRun;
import org.staypuft.events.puppet.RunOutcome;
import org.staypuft.runner.config.RunnerConfig;
import org.staypuft.runner.request.BookkeepingRetry;
import org.staypuft.runner.request.HostLanes;
import org.staypuft.runner.request.RequestTakenOver;

import io.micrometer.core.instrument.Gauge;
import io.quarkus.runtime.Startup;

/**
 * Runs accepted requests without holding up the consumer: one run per host at a time (host lanes), at most
 * {@code max-sessions} SSH sessions at once (a pool of that many threads, each attempt holding one for its whole
 * session), back-offs on a timer that holds no session. Requests beyond the limit wait in the pool's queue; none is
 * dropped.
 */
// @Startup: its gauges exist from the start (dashboards and alerts read them), not from the first run.
@Startup
@ApplicationScoped
public class PuppetRunDispatcher {

    private static final Logger LOG = Logger.getLogger(PuppetRunDispatcher.class);

    @Inject
    RunnerConfig config;

    @Inject
    PuppetRunAttempt attempts;

    @Inject
    PuppetRunService runs;

    @Inject
    HostLanes lanes;

    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    private ThreadPoolExecutor sessions;
    private ScheduledExecutorService timer;

    @PostConstruct
    void start() {
        int maxSessions = config.ssh().maxSessions();
        sessions = new ThreadPoolExecutor(maxSessions, maxSessions, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                named("puppet-run"));
        sessions.allowCoreThreadTimeOut(true);
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, named("puppet-run-backoff"));
        scheduler.setRemoveOnCancelPolicy(true);
        timer = scheduler;
        // Issue 11: how deep the queue is, apart from what runs (the orchestrator sees the same per request: a run is
        // "queued" until its PuppetRunStarted, and its deadline starts only then).
        Gauge.builder("staypuft.runner.runs.queued", sessions, pool -> pool.getQueue()
                .size()).description("Puppet runs waiting for an SSH session (max-sessions reached)").register(meters);
        Gauge.builder("staypuft.runner.runs.running", sessions,
                ThreadPoolExecutor::getActiveCount).description("Puppet run attempts holding an SSH session")
                .register(meters);
        Gauge.builder("staypuft.runner.hosts.busy", lanes, HostLanes::busyHosts)
                .description("Hosts with a run or reboot going on or queued").register(meters);
        Gauge.builder("staypuft.runner.requests.held", lanes, HostLanes::held)
                .description("Runs and reboots this replica holds (running or queued); at staypuft.runner.queue-"
                        + "capacity it takes no more commands off Kafka")
                .register(meters);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        sessions.shutdownNow();
    }

    /** Queues a run behind any other work for its host. Never blocks. */
    public void dispatch(RequestPuppetRun request, int attemptsSoFar) {
        Job job = new Job(request, attemptsSoFar);
        lanes.enqueue(request.hostId(), () -> sessions.execute(() -> attempt(job)));
    }

    /**
     * A run another replica started and can no longer report (its lease ran out): in the host's lane, on a session
     * thread, the host is looked at (puppet's lock, the run's own report) and the run completes with what it shows,
     * or as interrupted. Puppet is never started again here.
     */
    public void lookAfterTakeOver(RequestPuppetRun request, int attemptsSoFar, OffsetDateTime startedAt) {
        Job job = new Job(request, Math.max(1, attemptsSoFar));
        lanes.enqueue(request.hostId(), () -> sessions.execute(() -> look(job, startedAt)));
    }

    private void look(Job job, OffsetDateTime startedAt) {
        PuppetRunAttempt.Seen seen = attempts.lookAfterTakeOver(job.request, startedAt.toInstant());
        if (seen.result() != null) {
            LOG.infof("Taken-over puppet run %s on %s: %s, read from the run's own report", job.request.requestId(),
                    job.request.hostId(), seen.result().outcome());
        } else {
            LOG.infof("Taken-over puppet run %s on %s: %s; reported as interrupted", job.request.requestId(),
                    job.request.hostId(), seen.note());
        }
        completeTakenOver(job, seen, startedAt);
    }

    private void completeTakenOver(Job job, PuppetRunAttempt.Seen seen, OffsetDateTime startedAt) {
        try {
            runs.completeTakenOver(job.request, seen.result(), job.attempts, startedAt, seen.note());
        } catch (RequestTakenOver e) {
            drop(job, e);
            return;
        } catch (RuntimeException e) {
            Duration backoff = BookkeepingRetry.after(++job.bookkeepingFailures);
            LOG.errorf("Could not record the taken-over run %s, retrying in %s: %s", job.request.requestId(),
                    backoff, e.getMessage());
            timer.schedule(() -> completeTakenOver(job, seen, startedAt), backoff.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        lanes.release(job.request.hostId());
    }

    /** Runs in flight or waiting for a session. */
    public int pending() {
        return sessions.getActiveCount() + sessions.getQueue().size();
    }

    private void attempt(Job job) {
        Instant now = Instant.now();
        if (job.attempts == 0 && job.request.expiredAt(now)) {
            // Its turn came after its start limit (queued behind the session limit or its host's other work).
            String reason = Completions.expiredReason(job.request, now);
            LOG.infof("Puppet run %s for host %s: %s", job.request.requestId(), job.request.hostId(), reason);
            finish(job, AttemptResult.Finished.failure(RunOutcome.EXPIRED, reason, 0, null));
            return;
        }
        int attempt = ++job.attempts;
        AttemptResult result;
        try {
            result = attempts.attempt(job.request, () -> markRunning(job, attempt));
        } catch (RequestTakenOver e) {
            drop(job, e);
            return;
        } catch (StartNotRecorded e) {
            // The database did not take the start: nothing was sent to the host. Not the host's fault: try again.
            job.attempts--;
            Duration backoff = BookkeepingRetry.after(++job.bookkeepingFailures);
            LOG.warnf("Could not record the start of puppet run %s (%s); nothing was run, trying again in %s",
                    job.request.requestId(), e.getCause().getMessage(), backoff);
            timer.schedule(() -> sessions.execute(() -> attempt(job)), backoff.toMillis(), TimeUnit.MILLISECONDS);
            return;
        } catch (RuntimeException e) {
            LOG.errorf(e, "Puppet run %s failed inside the runner", job.request.requestId());
            result = AttemptResult.Finished.failure(RunOutcome.FAILED, "runner error: " + e, 0, null);
        }
        if (result instanceof AttemptResult.Retry retry) {
            Duration backoff = job.backoffAfter(retry);
            if (backoff != null) {
                LOG.debugf("Puppet run %s attempt %d: %s; next attempt in %s", job.request.requestId(), attempt,
                        retry.reason(), backoff);
                waitAndRetry(job, retry, backoff);
                return;
            }
            result = giveUp(job, retry);
        }
        finish(job, (AttemptResult.Finished) result);
    }

    /** Records the start (and publishes run-started) right before the command; a database error sends nothing. */
    private void markRunning(Job job, int attempt) {
        try {
            runs.markRunning(job.request, attempt);
        } catch (RequestTakenOver e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StartNotRecorded(e);
        }
        job.bookkeepingFailures = 0;
    }

    /** The start of a run could not be recorded: the command was not sent. */
    private static final class StartNotRecorded extends RuntimeException {

        StartNotRecorded(RuntimeException cause) {
            super(cause);
        }
    }

    private void waitAndRetry(Job job, AttemptResult.Retry retry, Duration backoff) {
        try {
            runs.markWaiting(job.request, job.attempts, retry.reason());
        } catch (RequestTakenOver e) {
            drop(job, e);
            return;
        } catch (RuntimeException e) {
            // Only bookkeeping: the row stays as it was and a restart still finds the request open.
            LOG.warnf("Could not record the wait of puppet run %s: %s", job.request.requestId(), e.getMessage());
        }
        timer.schedule(() -> sessions.execute(() -> attempt(job)), backoff.toMillis(), TimeUnit.MILLISECONDS);
    }

    private AttemptResult.Finished giveUp(Job job, AttemptResult.Retry retry) {
        return switch (retry.cause()) {
            case UNREACHABLE -> AttemptResult.Finished.failure(RunOutcome.UNREACHABLE,
                    retry.reason() + " (" + job.unreachableGiveUp() + ")", retry.durationMillis(),
                    retry.outputTail());
            case RUN_IN_PROGRESS -> AttemptResult.Finished.agent(AgentState.RUN_IN_PROGRESS, 1,
                    "another puppet run held the agent's lock through " + job.inProgress
                            + " attempts; not killed, not run",
                    retry.durationMillis(), retry.outputTail());
        };
    }

    private void finish(Job job, AttemptResult.Finished result) {
        try {
            runs.complete(job.request, result, job.attempts);
        } catch (RequestTakenOver e) {
            // The replica that took it over has answered it (as interrupted, when it found it running).
            drop(job, e);
            return;
        } catch (RuntimeException e) {
            // The run happened; its outcome must be recorded before the host takes other work.
            Duration backoff = BookkeepingRetry.after(++job.bookkeepingFailures);
            LOG.errorf("Could not record the outcome of puppet run %s, retrying in %s: %s", job.request.requestId(),
                    backoff, e.getMessage());
            timer.schedule(() -> finish(job, result), backoff.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        lanes.release(job.request.hostId());
    }

    /** Another replica owns the request now: this one lets go of it without touching the host again. */
    private void drop(Job job, RequestTakenOver e) {
        LOG.warnf("Puppet run %s: %s; dropped here", job.request.requestId(), e.getMessage());
        lanes.release(job.request.hostId());
    }

    /** A request on its way through its attempts. */
    private final class Job {

        final RequestPuppetRun request;
        int attempts;
        int unreachable;
        int inProgress;
        int bookkeepingFailures;
        long firstUnreachableNanos;

        Job(RequestPuppetRun request, int attemptsSoFar) {
            this.request = request;
            this.attempts = attemptsSoFar;
        }

        /** @return the back-off before the next attempt, or null when this cause has had its chances */
        Duration backoffAfter(AttemptResult.Retry retry) {
            RunnerConfig.Retry config = PuppetRunDispatcher.this.config.retry();
            return switch (retry.cause()) {
                case UNREACHABLE -> {
                    unreachable++;
                    Duration backoff = exponential(config.unreachableBackoff(), unreachable, config.maxBackoff());
                    if (request.sshReadyTimeoutSeconds() <= 0) {
                        yield unreachable < config.unreachableAttempts() ? backoff : null;
                    }
                    // The request says how long the host may take to answer SSH (e.g. still installing).
                    if (firstUnreachableNanos == 0) {
                        firstUnreachableNanos = System.nanoTime() - retry.durationMillis() * 1_000_000;
                    }
                    Duration left = Duration.ofSeconds(request.sshReadyTimeoutSeconds())
                            .minusNanos(System.nanoTime() - firstUnreachableNanos);
                    yield left.isNegative() || left.isZero() ? null : backoff.compareTo(left) > 0 ? left : backoff;
                }
                case RUN_IN_PROGRESS -> ++inProgress < config.inProgressAttempts()
                        ? exponential(config.inProgressBackoff(), inProgress, config.maxBackoff())
                        : null;
            };
        }

        String unreachableGiveUp() {
            return request.sshReadyTimeoutSeconds() > 0
                    ? "gave up after " + attempts + " attempts over the request's SSH ready timeout of "
                            + request.sshReadyTimeoutSeconds() + "s"
                    : "gave up after " + attempts + " attempts";
        }
    }

    static Duration exponential(Duration first, int failures, Duration max) {
        Duration backoff = first.multipliedBy(1L << Math.min(failures - 1, 20));
        return backoff.compareTo(max) > 0 ? max : backoff;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
