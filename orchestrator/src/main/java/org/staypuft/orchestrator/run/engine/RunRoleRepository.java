package org.staypuft.orchestrator.run.engine;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class RunRoleRepository implements PanacheRepositoryBase<RunRole, RunRole.Key> {

    public RunRole get(String runId, String role) {
        RunRole found = findById(new RunRole.Key(runId, role));
        if (found == null) {
            throw new IllegalStateException("Run " + runId + " has no role " + role);
        }
        return found;
    }

    /** Runs with a role whose approval timeout passed (index run_role_approval_deadline). */
    public List<String> runsWithDueApprovals(java.time.OffsetDateTime now, int limit) {
        return getEntityManager()
                .createQuery("select distinct r.runId from RunRole r where r.approvalDeadlineAt <= ?1", String.class)
                .setParameter(1, now).setMaxResults(limit).getResultList();
    }

    /** A run's roles in definition order; a handful of rows, independent of the host count. */
    public List<RunRole> ofRun(String runId) {
        return list("runId = ?1 order by position", runId);
    }
}
