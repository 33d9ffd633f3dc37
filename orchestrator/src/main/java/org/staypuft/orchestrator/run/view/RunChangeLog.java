package org.staypuft.orchestrator.run.view;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.staypuft.kit.json.JsonColumns;
import org.staypuft.orchestrator.run.engine.HostStep;
import org.staypuft.orchestrator.run.engine.Run;
import org.staypuft.orchestrator.run.engine.RunChanges;
import org.staypuft.orchestrator.run.engine.RunRole;

/**
 * Appends what changed in a run to its change log, in the transaction that changed it, as the API shows it. The run
 * row lock orders these appends, so within a run {@code seq} grows in commit order and a reader polling by seq
 * misses nothing.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class RunChangeLog implements RunChanges {

    /** The kinds of change, also the event names of the live stream. */
    public static final String RUN = "run";
    public static final String ROLE = "role";
    public static final String HOST = "host";

    @Inject
    EntityManager entityManager;

    @Override
    public void run(Run run) {
        append(run.id, RUN, RunViewMapper.of(run));
    }

    @Override
    public void role(RunRole role) {
        append(role.runId, ROLE, RunViewMapper.of(role));
    }

    @Override
    public void host(HostStep step) {
        append(step.runId, HOST, RunViewMapper.of(step));
    }

    private void append(String runId, String kind, Object data) {
        entityManager.createNativeQuery("INSERT INTO run_change (run_id, at, kind, data) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, runId)
                .setParameter(2, OffsetDateTime.now(ZoneOffset.UTC))
                .setParameter(3, kind)
                .setParameter(4, JsonColumns.write(data))
                .executeUpdate();
    }
}
