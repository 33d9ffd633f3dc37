package org.staypuft.kit.inbox;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.staypuft.events.EventCodec;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.UndecodableEventException;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;

/**
 * The one way services consume events: decode, then in a single transaction claim the event id and apply it, so a
 * redelivered event changes nothing. A poison record (undecodable, or failing every attempt) is rethrown; the
 * channel's dead-letter strategy moves it aside and the partition goes on.
 * <p>
 * Failures of the infrastructure (database down, lock conflicts) are retried for as long as they last: a valid event
 * must not be dead-lettered because PostgreSQL failed over. While the application stops, such an event is left
 * unacknowledged, so it is redelivered after the restart.
 */
@ApplicationScoped
public class EventInbox {

    private static final Logger LOG = Logger.getLogger(EventInbox.class);
    private static final int ATTEMPTS = 3;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private volatile boolean stopping;

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    MeterRegistry registry;

    /**
     * @param consumer a stable name of the consuming use case (its processed ids are kept apart from others')
     * @throws UndecodableEventException for a poison record
     */
    public void process(String consumer, ConsumerRecord<String, byte[]> record, EventHandler handler) {
        Optional<EventEnvelope> decoded;
        try {
            decoded = EventCodec.decode(record);
        } catch (UndecodableEventException e) {
            count(consumer, "undecodable");
            LOG.errorf("Poison record %s-%d@%d for %s: %s", record.topic(), record.partition(), record.offset(),
                    consumer, e.getMessage());
            throw e;
        }
        if (decoded.isEmpty()) {
            count(consumer, "unknown-type");
            LOG.debugf("Skipping %s-%d@%d: an event type this version does not know", record.topic(),
                    record.partition(), record.offset());
            return;
        }
        apply(consumer, decoded.get(), handler);
    }

    /** Applies an already decoded event exactly once for this consumer, retrying transient failures. */
    public void apply(String consumer, EventEnvelope event, EventHandler handler) {
        Duration backoff = FIRST_BACKOFF;
        int eventFailures = 0;
        for (int attempt = 1;; attempt++) {
            try {
                boolean applied = QuarkusTransaction.requiringNew().call(() -> {
                    if (!processedEvents.claim(consumer, event.id())) {
                        return false;
                    }
                    handler.handle(event);
                    return true;
                });
                count(consumer, applied ? "applied" : "duplicate");
                return;
            } catch (RuntimeException e) {
                if (TransientFailures.isTransient(e)) {
                    awaitRecovery(consumer, event, attempt, e);
                } else if (++eventFailures >= ATTEMPTS || e instanceof UndecodableEventException) {
                    count(consumer, "failed");
                    LOG.errorf(e, "Giving up on event %s (%s) for %s after %d attempts", event.id(),
                            event.type().type(), consumer, attempt);
                    throw e;
                } else {
                    LOG.warnf("Attempt %d of event %s for %s failed, retrying: %s", attempt, event.id(), consumer,
                            e.getMessage());
                }
                sleep(backoff);
                backoff = min(backoff.multipliedBy(4), MAX_BACKOFF);
            }
        }
    }

    private void awaitRecovery(String consumer, EventEnvelope event, int attempt, RuntimeException failure) {
        count(consumer, "transient-failure");
        LOG.warnf("Event %s for %s hit a transient failure (attempt %d), retrying until it heals: %s", event.id(),
                consumer, attempt, failure.getMessage());
        while (stopping) {
            // Never acknowledged, never dead-lettered: the broker redelivers it to whoever runs next.
            sleep(MAX_BACKOFF);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void count(String consumer, String outcome) {
        registry.counter("staypuft.inbox.events", "consumer", consumer, "outcome", outcome).increment();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying", e);
        }
    }
}
