package org.staypuft.orchestrator.persistence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Row locks taken before anything of a run or deployment changes, so two replicas (or a consumer and the deadline
 * scanner) never drive the same run at once. Always the run row first, then its roles and steps: one lock order,
 * no deadlocks.
 */
@ApplicationScoped
public class RowLocks {

    @Inject
    EntityManager entityManager;

    /** Waits for the run's row lock; false when the run does not exist. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean lockRun(String runId) {
        return !entityManager.createNativeQuery("SELECT id FROM run WHERE id = :id FOR UPDATE")
                .setParameter("id", runId).getResultList().isEmpty();
    }

    /** Takes the run's row lock only if nobody holds it: the deadline scanner moves on to other runs. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean tryLockRun(String runId) {
        return !entityManager.createNativeQuery("SELECT id FROM run WHERE id = :id FOR UPDATE SKIP LOCKED")
                .setParameter("id", runId).getResultList().isEmpty();
    }

    /** Serialises edits, assignments and run starts of one deployment. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean lockDeployment(String deploymentId) {
        List<?> rows = entityManager.createNativeQuery("SELECT id FROM deployment WHERE id = :id FOR UPDATE")
                .setParameter("id", deploymentId).getResultList();
        return !rows.isEmpty();
    }
}
