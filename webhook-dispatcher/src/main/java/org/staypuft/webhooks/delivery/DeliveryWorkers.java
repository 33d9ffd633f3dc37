package org.staypuft.webhooks.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.staypuft.webhooks.config.WebhookConfig;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends the due deliveries, apart from the Kafka consumer: a fixed pool of {@code workers} threads, fed by a poll
 * of the delivery table. A subscription has at most one delivery in flight here, so a receiver that hangs until the
 * read timeout holds one worker and delays only its own deliveries. Redirects are not followed; answers' bodies are
 * not read.
 */
@ApplicationScoped
public class DeliveryWorkers {

    private static final Logger LOG = Logger.getLogger(DeliveryWorkers.class);
    private static final String USER_AGENT = "Staypuft-Webhooks/1";
    /** Beyond connect + read timeouts: time to record the outcome before another replica may take the row. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    @Inject
    WebhookConfig config;

    @Inject
    DeliveryService deliveries;

    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicInteger busy = new AtomicInteger();
    private volatile ExecutorService pool;
    private volatile HttpClient client;
    private volatile boolean stopping;

    void onStart(@Observes StartupEvent event) {
        AtomicInteger threads = new AtomicInteger();
        pool = Executors.newFixedThreadPool(config.delivery().workers(), runnable -> {
            Thread thread = new Thread(runnable, "webhook-delivery-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        client = HttpClient.newBuilder().connectTimeout(config.delivery().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        if (pool != null) {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Scheduled(every = "${staypuft.webhooks.delivery.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPoll() {
        poll();
    }

    /**
     * Claims due deliveries for the free workers. Also called by a worker that just finished, so a subscription's
     * next delivery goes out at once rather than at the next tick.
     */
    synchronized void poll() {
        int free = config.delivery().workers() - busy.get();
        if (stopping || pool == null || free <= 0) {
            return;
        }
        Duration lease = config.delivery().connectTimeout().plus(config.delivery().readTimeout()).plus(LEASE_MARGIN);
        List<DeliveryService.Attempt> claimed = deliveries.claim(free, Set.copyOf(inFlight), lease);
        for (DeliveryService.Attempt attempt : claimed) {
            inFlight.add(attempt.subscriptionId());
            busy.incrementAndGet();
            try {
                pool.execute(() -> {
                    try {
                        send(attempt);
                    } finally {
                        inFlight.remove(attempt.subscriptionId());
                        busy.decrementAndGet();
                    }
                    pollAfterwards();
                });
            } catch (RuntimeException e) {
                // Stopping: the row stays PENDING and is sent again after its lease.
                inFlight.remove(attempt.subscriptionId());
                busy.decrementAndGet();
            }
        }
    }

    private void pollAfterwards() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.debugf("Poll after a delivery failed (the next tick retries): %s", e.getMessage());
        }
    }

    private void send(DeliveryService.Attempt attempt) {
        Integer status = null;
        String error = null;
        try {
            long timestamp = Instant.now().getEpochSecond();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(attempt.url()))
                    .timeout(config.delivery().readTimeout())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(attempt.body()));
            attempt.headers().forEach(request::header);
            request.header("User-Agent", USER_AGENT)
                    .header(Signature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(Signature.SIGNATURE_HEADER, Signature.of(attempt.secret(), timestamp, attempt.body()))
                    .header(Signature.DELIVERY_HEADER, attempt.deliveryId().toString())
                    .header(Signature.ATTEMPT_HEADER, Integer.toString(attempt.number()));
            // The status is the answer: the body is not read (a receiver trickling one would hold the worker past
            // every timeout), closing the stream drops the connection.
            HttpResponse<InputStream> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            response.body().close();
            if (status < 200 || status >= 300) {
                error = "HTTP " + status;
            }
        } catch (HttpConnectTimeoutException e) {
            error = "no connection within " + config.delivery().connectTimeout();
        } catch (HttpTimeoutException e) {
            error = "no answer within " + config.delivery().readTimeout();
        } catch (ConnectException e) {
            error = "connection refused or unreachable";
        } catch (IOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // stopping: sent again after the lease
        }
        if (error != null) {
            LOG.infof("Delivery %s to %s, attempt %d failed: %s", attempt.deliveryId(), attempt.url(),
                    attempt.number(), error);
        }
        try {
            deliveries.recordOutcome(attempt, status, error);
        } catch (RuntimeException e) {
            LOG.warnf("Outcome of delivery %s not recorded (sent again after its lease): %s", attempt.deliveryId(),
                    e.getMessage());
        }
    }
}
