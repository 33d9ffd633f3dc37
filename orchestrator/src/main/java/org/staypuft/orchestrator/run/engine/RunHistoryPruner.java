package org.staypuft.orchestrator.run.engine;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;
import org.staypuft.orchestrator.config.OrchestratorConfig;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Deletes the change log and the commands of runs that ended longer than {@code history.retention} ago, in batches.
 * Only ended runs are touched: a run resumed by retry-failed is RUNNING again in the transaction that sends its new
 * commands, so none of those is ever seen here. Replicas prune side by side (SKIP LOCKED).
 */
@ApplicationScoped
public class RunHistoryPruner {

    private static final Logger LOG = Logger.getLogger(RunHistoryPruner.class);
    private static final String CHANGES = """
            DELETE FROM run_change WHERE seq IN (
                SELECT c.seq FROM run_change c JOIN run r ON r.id = c.run_id
                WHERE r.status IN ('COMPLETED', 'FAILED', 'CANCELLED') AND r.finished_at < :cutoff
                LIMIT :batch FOR UPDATE OF c SKIP LOCKED)""";
    private static final String REQUESTS = """
            DELETE FROM host_request WHERE request_id IN (
                SELECT q.request_id FROM host_request q JOIN run r ON r.id = q.run_id
                WHERE q.completed_at IS NOT NULL
                  AND r.status IN ('COMPLETED', 'FAILED', 'CANCELLED') AND r.finished_at < :cutoff
                LIMIT :batch FOR UPDATE OF q SKIP LOCKED)""";

    @Inject
    EntityManager entityManager;

    @Inject
    OrchestratorConfig config;

    @Scheduled(every = "${staypuft.orchestrator.history.prune-interval:1h}", delayed = "${staypuft.orchestrator.history.prune-interval:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        prune();
    }

    /** What one pruning deleted. */
    public record Pruned(int changes, int requests) {
    }

    public Pruned prune() {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(config.history().retention());
        int changes = deleteInBatches(CHANGES, cutoff);
        int requests = deleteInBatches(REQUESTS, cutoff);
        if (changes + requests > 0) {
            LOG.infof("Pruned the history of runs that ended before %s: %d change(s), %d command(s)", cutoff,
                    changes, requests);
        }
        return new Pruned(changes, requests);
    }

    private int deleteInBatches(String sql, OffsetDateTime cutoff) {
        int batch = config.history().pruneBatch();
        int total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(sql)
                    .setParameter("cutoff", cutoff)
                    .setParameter("batch", batch)
                    .executeUpdate());
            total += deleted;
        } while (deleted == batch);
        return total;
    }
}
