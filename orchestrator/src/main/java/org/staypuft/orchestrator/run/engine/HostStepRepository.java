package org.staypuft.orchestrator.run.engine;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

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

    /** One page of a run's steps, optionally of one role and/or status, ordered by role then assignment order. */
    public List<HostStep> pageOfRun(String runId, Optional<String> role, Optional<StepStatus> status, int page,
            int size) {
        Parameters parameters = filterParameters(runId, role, status);
        return find(filterQuery(role, status), Sort.by("role").and("ordinal"), parameters).page(Page.of(page, size))
                .list();
    }

    public long countOfRun(String runId, Optional<String> role, Optional<StepStatus> status) {
        return count(filterQuery(role, status), filterParameters(runId, role, status));
    }

    private static String filterQuery(Optional<String> role, Optional<StepStatus> status) {
        return "runId = :runId" + (role.isPresent() ? " and role = :role" : "")
                + (status.isPresent() ? " and status = :status" : "");
    }

    private static Parameters filterParameters(String runId, Optional<String> role, Optional<StepStatus> status) {
        Parameters parameters = Parameters.with("runId", runId);
        role.ifPresent(value -> parameters.and("role", value));
        status.ifPresent(value -> parameters.and("status", value));
        return parameters;
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
