package org.staypuft.orchestrator.run.view;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.staypuft.kit.problem.FieldError;
import org.staypuft.kit.problem.ProblemException;
import org.staypuft.orchestrator.api.RunViews;
import org.staypuft.orchestrator.run.command.HostRequestRepository;
import org.staypuft.orchestrator.run.engine.HostStep;
import org.staypuft.orchestrator.run.engine.HostStepRepository;
import org.staypuft.orchestrator.run.engine.Run;
import org.staypuft.orchestrator.run.engine.RunRepository;
import org.staypuft.orchestrator.run.engine.RunRoleRepository;

/**
 * Read side of runs for the API: a run with its roles, its hosts a page at a time, one host with its commands. What
 * it reads is bounded by the number of roles or the page size, never by the size of the run.
 */
@ApplicationScoped
@Transactional
public class RunQueries {

    @Inject
    RunRepository runs;

    @Inject
    RunRoleRepository roles;

    @Inject
    HostStepRepository steps;

    @Inject
    HostRequestRepository requests;

    public RunViews.RunDetail detail(String runId) {
        Run run = runs.findByIdOptional(runId)
                .orElseThrow(() -> ProblemException.notFound("runId", "no run " + runId));
        return new RunViews.RunDetail(RunViewMapper.of(run),
                roles.ofRun(runId).stream().map(RunViewMapper::of).toList(), waitsOf(runId));
    }

    /** What the run's hosts wait for, by part (index host_step_waiting: only waiting steps are read). */
    @SuppressWarnings("unchecked")
    public List<RunViews.PartWait> waitsOf(String runId) {
        List<Object[]> rows = steps.getEntityManager().createNativeQuery(
                "SELECT waiting_for, min(waiting_since), count(*) FROM host_step WHERE run_id = ?1 "
                        + "AND waiting_for IS NOT NULL AND status = 'RUNNING' GROUP BY waiting_for ORDER BY 2")
                .setParameter(1, runId).getResultList();
        return rows.stream().map(row -> new RunViews.PartWait((String) row[0], toOffset(row[1]),
                ((Number) row[2]).longValue())).toList();
    }

    private static java.time.OffsetDateTime toOffset(Object value) {
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        return null;
    }

    /** @throws ProblemException 404 for an unknown run, 400 for a role the run does not have (naming its roles) */
    public RunViews.HostStepPage hosts(String runId, HostStepQuery query) {
        detailExists(runId);
        query.role().ifPresent(role -> {
            List<String> names = roles.ofRun(runId).stream().map(r -> r.name).toList();
            if (!names.contains(role)) {
                throw new ProblemException(400, "Invalid query", List.of(new FieldError("role", "must be one of "
                        + String.join(", ", names) + " (the roles of run " + runId + "), got '" + role + "'")));
            }
        });
        Optional<String> role = query.role();
        long total = steps.countOfRun(runId, role, query.status());
        List<RunViews.HostStepView> page = steps.pageOfRun(runId, role, query.status(), query.page(), query.size())
                .stream().map(RunViewMapper::of).toList();
        return new RunViews.HostStepPage(total, query.page(), query.size(), page);
    }

    /** @throws ProblemException 404 when there is no such run */
    public void detailExists(String runId) {
        if (runs.findByIdOptional(runId).isEmpty()) {
            throw ProblemException.notFound("runId", "no run " + runId);
        }
    }

    public RunViews.HostDetail host(String runId, String hostId) {
        HostStep step = steps.ofRunAndHost(runId, hostId)
                .orElseThrow(() -> ProblemException.notFound("hostId", "host " + hostId + " is not in run " + runId));
        return new RunViews.HostDetail(RunViewMapper.of(step),
                requests.ofStep(step.id).stream().map(RunViewMapper::of).toList());
    }

    public List<RunViews.RunSummary> ofDeployment(String deploymentId) {
        return runs.ofDeployment(deploymentId).stream().map(RunViewMapper::of).toList();
    }
}
