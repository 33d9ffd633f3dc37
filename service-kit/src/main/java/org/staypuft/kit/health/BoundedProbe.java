package org.staypuft.kit.health;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Asks a part (Kafka, the database) whether it answers, and never waits longer than the timeout for it: a part that
 * hangs (a broker SIGKILLed, a network that drops packets) makes the check DOWN in bounded time, and a probe still
 * hanging from the last call is waited on again rather than stacked behind.
 */
final class BoundedProbe {

    interface Probe {

        /** Answers a short description of what was seen ("1 broker", "PostgreSQL 17.2"), or throws. */
        String call() throws Exception;
    }

    private final String name;
    private final Probe probe;
    private final ExecutorService executor;
    private CompletableFuture<String> inFlight;
    private boolean lastUp = true;
    private Instant since = Instant.now();

    BoundedProbe(String name, Probe probe, ExecutorService executor) {
        this.name = name;
        this.probe = probe;
        this.executor = executor;
    }

    synchronized HealthCheckResponse check(Duration timeout) {
        if (inFlight == null || inFlight.isDone()) {
            inFlight = CompletableFuture.supplyAsync(() -> {
                try {
                    return probe.call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, executor);
        }
        String seen = null;
        String reason = null;
        try {
            seen = inFlight.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            reason = "no answer within " + timeout.toMillis() + " ms";
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof IllegalStateException && e.getCause().getCause() != null
                    ? e.getCause().getCause()
                    : e.getCause();
            reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = "interrupted";
        }
        boolean up = reason == null;
        if (up != lastUp) {
            lastUp = up;
            since = Instant.now();
        }
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name).status(up).withData("since",
                since.toString());
        return up ? response.withData("seen", seen).build() : response.withData("reason", reason).build();
    }
}
