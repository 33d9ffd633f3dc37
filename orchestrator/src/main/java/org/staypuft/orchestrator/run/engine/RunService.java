package org.staypuft.orchestrator.run.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.staypuft.events.deployment.DeploymentTriggered;
import org.staypuft.events.deployment.HostSkipped;
import org.staypuft.events.deployment.RunResumed;
import org.staypuft.kit.outbox.Outbox;
import org.staypuft.kit.problem.FieldError;
import org.staypuft.kit.problem.ProblemException;
import org.staypuft.orchestrator.deployment.Deployment;
import org.staypuft.orchestrator.deployment.DeploymentRepository;
import org.staypuft.orchestrator.deployment.DeploymentRole;
import org.staypuft.orchestrator.deployment.DeploymentRoleRepository;
import org.staypuft.orchestrator.deployment.HostAssignment;
import org.staypuft.orchestrator.deployment.HostAssignmentRepository;
import org.staypuft.orchestrator.host.KnownHost;
import org.staypuft.orchestrator.host.KnownHostRepository;
import org.staypuft.orchestrator.persistence.Clock;
import org.staypuft.orchestrator.persistence.Names;
import org.staypuft.orchestrator.persistence.RowLocks;
import org.staypuft.orchestrator.plan.RoleGraph;
import org.staypuft.orchestrator.run.command.HostStates;

/**
 * What operators do with runs: start, cancel, retry the failed hosts, skip a failed host. Each locks the deployment,
 * then the run (the one lock order), checks, and only then changes anything.
 */
@ApplicationScoped
public class RunService {

    @Inject
    RowLocks locks;

    @Inject
    DeploymentRepository deployments;

    @Inject
    DeploymentRoleRepository deploymentRoles;

    @Inject
    HostAssignmentRepository assignments;

    @Inject
    KnownHostRepository hostViews;

    @Inject
    RunRepository runs;

    @Inject
    RunRoleRepository runRoles;

    @Inject
    HostStepRepository steps;

    @Inject
    RunEngine engine;

    @Inject
    HostStates hostStates;

    @Inject
    RunChanges changes;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager entityManager;

    /**
     * Starts a run of the hosts not deployed yet (all assigned hosts with {@code redeployAll}). Inserting the run's
     * host rows is the one O(hosts) step of a run; from here on each event is O(1).
     */
    @Transactional
    public Run start(String deploymentId, boolean redeployAll, String triggeredBy) {
        if (!locks.lockDeployment(deploymentId)) {
            throw ProblemException.notFound("id", "no deployment " + deploymentId);
        }
        Deployment deployment = deployments.findById(deploymentId);
        runs.activeOf(deploymentId).ifPresent(active -> {
            throw ProblemException.conflict("id", "run " + active.id + " of this deployment is still active");
        });
        List<DeploymentRole> roleDefinitions = deploymentRoles.ofDeployment(deploymentId);
        List<HostAssignment> assigned = assignments.ofDeployment(deploymentId);
        List<FieldError> problems = new ArrayList<>();
        for (DeploymentRole role : roleDefinitions) {
            long count = assigned.stream().filter(a -> a.role.equals(role.name)).count();
            if (count < role.minHosts) {
                problems.add(new FieldError("roles[" + role.name + "].hosts", "role " + role.name + " needs at least "
                        + role.minHosts + " hosts, has " + count));
            }
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(409, "Deployment not ready to run", problems);
        }
        List<HostAssignment> participants = assigned.stream().filter(a -> redeployAll || !a.deployed).toList();
        if (participants.isEmpty()) {
            throw ProblemException.conflict("redeployAll", assigned.isEmpty()
                    ? "no hosts are assigned to this deployment"
                    : "all " + assigned.size() + " assigned hosts are deployed; start with redeployAll to "
                            + "deploy them again");
        }

        Map<String, List<String>> dependsOn = new LinkedHashMap<>();
        roleDefinitions.forEach(role -> dependsOn.put(role.name, Names.split(role.dependsOn)));
        RoleGraph graph = new RoleGraph(dependsOn);
        List<String> order = graph.order();

        Run run = new Run();
        run.id = UUID.randomUUID().toString();
        run.deploymentId = deploymentId;
        run.deploymentName = deployment.name;
        run.status = RunStatus.RUNNING;
        run.phase = RunPhase.ROLES;
        run.redeployAll = redeployAll;
        run.triggeredBy = triggeredBy;
        run.hostCount = participants.size();
        run.rolesTotal = roleDefinitions.size();
        run.createdAt = Clock.now();
        runs.persist(run);

        Map<String, Integer> hostsPerRole = new HashMap<>();
        participants.forEach(a -> hostsPerRole.merge(a.role, 1, Integer::sum));
        for (DeploymentRole definition : roleDefinitions) {
            runRoles.persist(runRole(run, definition, order.indexOf(definition.name),
                    graph.dependents(definition.name), hostsPerRole.getOrDefault(definition.name, 0)));
        }
        for (HostAssignment assignment : participants) {
            KnownHost host = hostViews.findById(assignment.hostId);
            HostStep step = new HostStep();
            step.runId = run.id;
            step.hostId = assignment.hostId;
            step.role = assignment.role;
            step.ordinal = assignment.ordinal;
            step.route = host.needsProvisioning() ? PrepareRoute.PROVISION : PrepareRoute.PREPARE_RUN;
            step.phase = StepPhase.PREPARE;
            step.status = StepStatus.WAITING;
            step.attempt = 1;
            step.updatedAt = run.createdAt;
            steps.persist(step);
        }
        outbox.publish(new DeploymentTriggered(deploymentId, deployment.name, run.id, redeployAll, order,
                run.hostCount, triggeredBy));
        changes.run(run);
        engine.kick(run);
        return run;
    }

    private static RunRole runRole(Run run, DeploymentRole definition, int position, List<String> dependents,
            int hostCount) {
        return RunRole.planned(run.id, definition.name, position, definition.dependsOn, Names.join(dependents),
                definition.policy.copy(), hostCount);
    }

    /** No new step starts; the run ends cancelled once the outstanding commands answered (or timed out). */
    @Transactional
    public Run cancel(String runId, String who) {
        Run run = lockRun(runId);
        switch (run.status) {
            case RUNNING, PAUSED -> {
                run.cancelledBy = who;
                if (run.idle()) {
                    engine.endRun(run, RunStatus.CANCELLED);
                } else {
                    run.status = RunStatus.CANCELLING;
                    changes.run(run);
                }
            }
            case FAILED -> {
                run.cancelledBy = who;
                engine.endRun(run, RunStatus.CANCELLED);
            }
            case CANCELLING -> {
                // already on its way
            }
            default -> throw ProblemException.conflict("runId", "run is " + run.status + "; it cannot be cancelled");
        }
        return run;
    }

    /**
     * Resumes a run the wait limit paused: new hosts start again, and the limit counts again from now for the hosts
     * that still wait (their waits' clocks restart; the "since" they show stays).
     *
     * @throws ProblemException 409 when the run is not paused
     */
    @Transactional
    public Run resumePaused(String runId, String who) {
        Run run = lockRun(runId);
        if (run.status != RunStatus.PAUSED) {
            throw ProblemException.conflict("runId", "run is " + run.status + "; only a paused run can be resumed");
        }
        Duration paused = run.pauseOver(Clock.now());
        run.status = RunStatus.RUNNING;
        outbox.publish(new RunResumed(run.deploymentId, run.id, who, paused.toMillis()));
        changes.run(run);
        engine.kick(run);
        return run;
    }

    /**
     * An operator approves a role that awaits an approval: who and when are recorded and the role starts. A second
     * approval (or a redelivered request) is a 409 and starts nothing.
     *
     * @throws ProblemException 404 for an unknown run or role, 409 when the role does not await an approval
     */
    @Transactional
    public Run approve(String runId, String roleName, String who) {
        Run run = lockRun(runId);
        RunRole role = roleName == null ? null : runRoles.findById(new RunRole.Key(runId, roleName));
        if (role == null) {
            throw ProblemException.notFound("role", "run " + runId + " has no role " + roleName);
        }
        if (!engine.approve(run, role, who)) {
            throw ProblemException.conflict("role", "role " + roleName + " is " + role.status
                    + (role.approvedBy != null
                            ? " (approved by " + role.approvedBy + " at " + role.approvedAt + ")"
                            : "")
                    + "; only a role awaiting approval can be approved");
        }
        return run;
    }

    /**
     * Gives every failed host of the run a new attempt of the phase it failed in (new request ids, new deadlines)
     * and resumes the run. Hosts that succeeded are not touched.
     */
    @Transactional
    public Run retryFailed(String runId) {
        Run run = lockRun(runId);
        if (run.status != RunStatus.FAILED && run.status != RunStatus.RUNNING) {
            throw ProblemException.conflict("runId", "run is " + run.status
                    + "; only a failed or running run retries its failed hosts");
        }
        checkLatest(run);
        List<HostStep> failed = steps.failedOfRun(runId);
        if (failed.isEmpty()) {
            throw ProblemException.conflict("runId", "run has no failed hosts");
        }
        for (HostStep step : failed) {
            HostAssignment assignment = assignments.findById(step.hostId);
            if (assignment == null || !assignment.deploymentId.equals(run.deploymentId)
                    || !assignment.role.equals(step.role)) {
                skipFailed(run, step, "staypuft", "left role " + step.role + " after the run failed");
            } else {
                resetForRetry(run, step);
            }
        }
        reopenRoles(run);
        resume(run);
        return run;
    }

    private void resetForRetry(Run run, HostStep step) {
        RunRole role = runRoles.get(run.id, step.role);
        StepPhase phase = step.failedPhase;
        run.hostRetried(phase);
        role.hostRetried(phase);
        step.attempt++;
        step.newAttempt();
        step.status = StepStatus.WAITING;
        step.failedPhase = null;
        step.reason = null;
        step.finishedAt = null;
        step.deployRunsDone = 0;
        step.rebootDone = false;
        step.updatedAt = Clock.now();
        switch (phase) {
            case PREPARE -> {
                step.phase = StepPhase.PREPARE;
                step.route = hostViews.findById(step.hostId).needsProvisioning()
                        ? PrepareRoute.PROVISION
                        : PrepareRoute.PREPARE_RUN;
            }
            case DEPLOY -> step.phase = StepPhase.DEPLOY;
            case ENABLE_AGENT -> step.phase = StepPhase.ENABLE_AGENT;
            case DONE -> throw new IllegalStateException("A finished step cannot have failed");
        }
        hostStates.deploying(run.deploymentId, step.hostId);
        changes.host(step);
    }

    /** An operator skips a failed host: the run goes on as if it had succeeded, its agent stays off. */
    @Transactional
    public HostStep skip(String runId, String hostId, String who, String reason) {
        Run run = lockRun(runId);
        if (run.status != RunStatus.FAILED && run.status != RunStatus.RUNNING) {
            throw ProblemException.conflict("runId", "run is " + run.status
                    + "; hosts can be skipped in a failed or running run");
        }
        HostStep step = steps.ofRunAndHost(runId, hostId)
                .orElseThrow(() -> ProblemException.notFound("hostId", "host " + hostId + " is not in this run"));
        if (step.status != StepStatus.FAILED) {
            throw ProblemException.conflict("hostId", "host " + hostId + " is " + step.status
                    + "; only a failed host can be skipped");
        }
        if (run.status == RunStatus.FAILED) {
            checkLatest(run);
        }
        skipFailed(run, step, who, reason);
        reopenRoles(run);
        if (run.status == RunStatus.FAILED && run.rolesFailed() == 0 && run.agentsFailed() == 0) {
            resume(run);
        } else if (run.status == RunStatus.RUNNING) {
            engine.kick(run);
        }
        return step;
    }

    private void skipFailed(Run run, HostStep step, String who, String reason) {
        RunRole role = runRoles.get(run.id, step.role);
        step.status = StepStatus.SKIPPED;
        step.skippedBy = who;
        step.skipReason = reason;
        step.updatedAt = Clock.now();
        run.hostSkipped(step.failedPhase);
        role.hostSkipped(step.failedPhase);
        outbox.publish(new HostSkipped(run.deploymentId, run.id, step.hostId, step.role, who, reason));
        changes.host(step);
    }

    /**
     * Failed roles back within their tolerance wait again; blocked roles whose failed dependencies are gone wait
     * again. O(roles).
     */
    private void reopenRoles(Run run) {
        List<RunRole> all = runRoles.ofRun(run.id);
        Map<String, RunRole> byName = new HashMap<>();
        all.forEach(role -> byName.put(role.name, role));
        for (RunRole role : all) {
            if (role.status == RoleStatus.FAILED && !role.failedBeyondTolerance()) {
                role.status = RoleStatus.WAITING;
                role.reason = null;
                role.finishedAt = null;
                run.roleReopened();
                changes.role(role);
            }
        }
        for (RunRole role : all) { // dependency order: a role's dependencies are decided before it
            if (role.status != RoleStatus.BLOCKED && role.status != RoleStatus.WAITING) {
                continue;
            }
            boolean blocked = role.dependsOnNames().stream().map(byName::get)
                    .anyMatch(dep -> dep.status == RoleStatus.FAILED || dep.status == RoleStatus.BLOCKED);
            RoleStatus status = blocked ? RoleStatus.BLOCKED : RoleStatus.WAITING;
            if (status != role.status) {
                role.status = status;
                role.reason = blocked ? "depends on a failed role" : null;
                changes.role(role);
            }
        }
    }

    private void resume(Run run) {
        if (run.status == RunStatus.FAILED) {
            run.status = RunStatus.RUNNING;
            run.phase = run.allRolesReady() ? RunPhase.FINISHING : RunPhase.ROLES;
            run.finishedAt = null;
            run.reason = null;
            entityManager.flush(); // the one-active-run index speaks now, not at commit
        }
        changes.run(run);
        engine.kick(run);
    }

    /** Only the newest run of a deployment resumes; an older one would fight the newer one over the hosts. */
    private void checkLatest(Run run) {
        Run latest = runs.latestOf(run.deploymentId).orElseThrow();
        if (!latest.id.equals(run.id)) {
            throw ProblemException.conflict("runId", "run " + latest.id + " is newer; only the latest run of a "
                    + "deployment can be resumed");
        }
    }

    private Run lockRun(String runId) {
        String deploymentId = entityManager
                .createQuery("select r.deploymentId from Run r where r.id = ?1", String.class)
                .setParameter(1, runId).getResultStream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("runId", "no run " + runId));
        locks.lockDeployment(deploymentId);
        locks.lockRun(runId);
        return runs.findById(runId);
    }
}
