package org.staypuft.kit.inbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;
import org.staypuft.kit.config.KitConfig;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Forgets consumed event ids older than {@code staypuft.inbox.retention}, in batches, so {@code processed_event} does
 * not grow forever. Replicas prune side by side: rows another one is deleting are skipped, not waited for.
 */
@ApplicationScoped
public class ProcessedEventPruner {

    private static final Logger LOG = Logger.getLogger(ProcessedEventPruner.class);

    @Inject
    EntityManager entityManager;

    @Inject
    KitConfig config;

    @Scheduled(every = "${staypuft.inbox.prune-interval:1h}", delayed = "${staypuft.inbox.prune-interval:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        prune();
    }

    /** @return how many ids were forgotten */
    public int prune() {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(config.inbox().retention());
        int batch = config.inbox().pruneBatch();
        int total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                    DELETE FROM processed_event WHERE (consumer, event_id) IN (
                        SELECT consumer, event_id FROM processed_event WHERE processed_at < :cutoff
                        LIMIT :batch FOR UPDATE SKIP LOCKED)""")
                    .setParameter("cutoff", cutoff)
                    .setParameter("batch", batch)
                    .executeUpdate());
            total += deleted;
        } while (deleted == batch);
        if (total > 0) {
            LOG.infof("Forgot %d consumed event id(s) older than %s", total, config.inbox().retention());
        }
        return total;
    }
}
