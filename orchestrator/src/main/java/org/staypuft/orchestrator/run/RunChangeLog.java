package org.staypuft.orchestrator.run;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.staypuft.orchestrator.persistence.JsonColumns;

/**
 * Appends what changed in a run to its change log, in the transaction that changed it. The run row lock orders
 * these appends, so within a run {@code seq} grows in commit order and a reader polling by seq misses nothing.
 */
@ApplicationScoped
public class RunChangeLog {

    public static final String RUN = "run";
    public static final String ROLE = "role";
    public static final String HOST = "host";

    @Inject
    EntityManager entityManager;

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String runId, String kind, Object data) {
        entityManager.createNativeQuery("INSERT INTO run_change (run_id, at, kind, data) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, runId)
                .setParameter(2, OffsetDateTime.now(ZoneOffset.UTC))
                .setParameter(3, kind)
                .setParameter(4, JsonColumns.write(data))
                .executeUpdate();
    }
}
