package org.staypuft.kit.outbox;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * How far the outbox is behind: rows not yet relayed and the age of the oldest. A stuck relay (Kafka away, a bug)
 * shows as a growing age long before anyone misses an event; the alert {@code StaypuftOutboxStuck} watches it.
 */
@ApplicationScoped
public class OutboxBacklog {

    private static final Logger LOG = Logger.getLogger(OutboxBacklog.class);

    @Inject
    EntityManager entityManager;

    @Inject
    MeterRegistry registry;

    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();

    void register(@Observes StartupEvent event) {
        Gauge.builder("staypuft.outbox.pending", pending, AtomicLong::get)
                .description("Events written to the outbox and not yet relayed to Kafka").register(registry);
        Gauge.builder("staypuft.outbox.oldest.age.seconds", oldestAgeSeconds, AtomicLong::get)
                .description("Age of the oldest event not yet relayed (0 when none)").baseUnit("seconds")
                .register(registry);
    }

    @Scheduled(every = "${staypuft.outbox.backlog-interval:15s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sample() {
        try {
            // Its own transaction inside the try: with the database away this logs at debug, not every 15 s.
            Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager
                    .createNativeQuery("SELECT count(*), coalesce(extract(epoch FROM now() - min(occurred_at)), 0)"
                            + " FROM outbox_event")
                    .getSingleResult());
            pending.set(((Number) row[0]).longValue());
            oldestAgeSeconds.set(Math.max(0, ((Number) row[1]).longValue()));
        } catch (RuntimeException e) {
            LOG.debugf("Outbox backlog not sampled: %s", e.getMessage());
        }
    }
}
