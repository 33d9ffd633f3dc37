package org.staypuft.orchestrator.run;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/**
 * Queries on host steps. Each is served by an index (see the migration): the per-event ones touch a handful of rows
 * whatever the size of the run.
 */
@ApplicationScoped
public class HostStepRepository implements PanacheRepositoryBase<HostStep, Long> {

    /** The next waiting hosts of a role in a phase, by assignment order (index host_step_role_queue). */
    public List<HostStep> nextOfRole(String runId, String role, StepPhase phase, int limit) {
        return find("runId = ?1 and role = ?2 and phase = ?3 and status = ?4 order by ordinal", runId, role, phase,
                StepStatus.WAITING).page(0, limit).list();
    }

    /** The next waiting hosts of the run in a phase (index host_step_run_queue). */
    public List<HostStep> nextOfRun(String runId, StepPhase phase, int limit) {
        return find("runId = ?1 and phase = ?2 and status = ?3 order by ordinal", runId, phase, StepStatus.WAITING)
                .page(0, limit).list();
    }

    /** The run a host's running step belongs to, if any (index host_step_host_status). */
    public Optional<String> runOfRunningStep(String hostId) {
        return getEntityManager()
                .createQuery("select s.runId from HostStep s where s.hostId = ?1 and s.status = ?2", String.class)
                .setParameter(1, hostId).setParameter(2, StepStatus.RUNNING)
                .getResultStream().findFirst();
    }

    public Optional<HostStep> runningStepOfHost(String hostId) {
        return find("hostId = ?1 and status = ?2", hostId, StepStatus.RUNNING).firstResultOptional();
    }

    public Optional<HostStep> ofRunAndHost(String runId, String hostId) {
        return find("runId = ?1 and hostId = ?2", runId, hostId).firstResultOptional();
    }

    public List<HostStep> ofRun(String runId) {
        return list("runId = ?1 order by role, ordinal", runId);
    }

    /** Hosts the run started and then left waiting; read once when a run ends. */
    public List<HostStep> startedButWaiting(String runId) {
        return list("runId = ?1 and status = ?2 and startedAt is not null", runId, StepStatus.WAITING);
    }

    public List<HostStep> failedOfRun(String runId) {
        return list("runId = ?1 and status = ?2 order by ordinal", runId, StepStatus.FAILED);
    }

    public List<String> failedHostsOfRole(String runId, String role, int limit) {
        return getEntityManager()
                .createQuery("select s.hostId from HostStep s where s.runId = ?1 and s.role = ?2 and s.status = ?3"
                        + " order by s.ordinal", String.class)
                .setParameter(1, runId).setParameter(2, role).setParameter(3, StepStatus.FAILED)
                .setMaxResults(limit).getResultList();
    }

    /** Runs with a due deadline (index host_step_deadline: only rows with a deadline are in it). */
    public List<String> runsWithDueDeadlines(OffsetDateTime now, int limit) {
        return getEntityManager()
                .createQuery("select distinct s.runId from HostStep s where s.deadlineAt <= ?1", String.class)
                .setParameter(1, now).setMaxResults(limit).getResultList();
    }

    public List<HostStep> dueOfRun(String runId, OffsetDateTime now, int limit) {
        return find("runId = ?1 and deadlineAt <= ?2 order by deadlineAt", runId, now).page(0, limit).list();
    }
}
