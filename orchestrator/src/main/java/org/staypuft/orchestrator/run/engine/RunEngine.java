package org.staypuft.orchestrator.run.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.staypuft.events.deployment.AgentEnabled;
import org.staypuft.events.deployment.DeploymentCancelled;
import org.staypuft.events.deployment.DeploymentCompleted;
import org.staypuft.events.deployment.DeploymentFailed;
import org.staypuft.events.deployment.HostDeployed;
import org.staypuft.events.deployment.HostFailed;
import org.staypuft.events.deployment.RoleApprovalRequested;
import org.staypuft.events.deployment.RoleApproved;
import org.staypuft.events.deployment.RoleFailed;
import org.staypuft.events.deployment.RoleReady;
import org.staypuft.events.deployment.RoleStarted;
import org.staypuft.events.deployment.RunPaused;
import org.staypuft.events.deployment.RunWaitEnded;
import org.staypuft.events.deployment.RunWaiting;
import org.staypuft.events.host.HostConfigurationApplied;
import org.staypuft.events.provisioning.RebootCompleted;
import org.staypuft.events.puppet.PuppetRunCompleted;
import org.staypuft.events.puppet.PuppetRunStarted;
import org.staypuft.events.puppet.RunOutcome;
import org.staypuft.events.puppet.RunPurpose;
import org.staypuft.kit.json.JsonColumns;
import org.staypuft.kit.outbox.Outbox;
import org.staypuft.orchestrator.config.OrchestratorConfig;
import org.staypuft.orchestrator.persistence.Clock;
import org.staypuft.orchestrator.persistence.RowLocks;
import org.staypuft.orchestrator.run.command.CommandSender;
import org.staypuft.orchestrator.run.command.HostRequest;
import org.staypuft.orchestrator.run.command.HostRequestRepository;
import org.staypuft.orchestrator.run.command.HostStates;

/**
 * The durable run engine: every answer, callback and deadline moves one host step, and from there only what it
 * affects: its role's counters, the next waiting host of that role (an indexed LIMIT query), and, when the role
 * completes, its dependents. Nothing here counts or scans the hosts of a run, so a completion costs the same in a
 * 10-host and a 10,000-host run.
 * <p>
 * Every entry point locks the run row before it reads the run's state, so replicas, consumers and the deadline
 * scanner take turns per run. All state is in the database; a restart loses nothing.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class RunEngine {

    private static final Logger LOG = Logger.getLogger(RunEngine.class);
    private static final int MAX_FAILED_HOSTS_IN_EVENT = 100;
    /** The outcome the orchestrator's books give a run that could not get its catalog. */
    public static final String CATALOG_UNAVAILABLE = "CATALOG_UNAVAILABLE";

    @Inject
    RowLocks locks;

    @Inject
    RunRepository runs;

    @Inject
    RunRoleRepository roles;

    @Inject
    HostStepRepository steps;

    @Inject
    HostRequestRepository requests;

    @Inject
    CommandSender commands;

    @Inject
    HostStates hostStates;

    @Inject
    Outbox outbox;

    @Inject
    RunChanges changes;

    @Inject
    OrchestratorConfig config;

    @Inject
    DatabaseOutages outages;

    // ---------------------------------------------------------------- answers from the puppet-runner and registry

    /** The runner connected: from now on the run's own timeout counts, not the SSH wait. */
    public void onPuppetRunStarted(PuppetRunStarted started) {
        Optional<HostRequest> request = lockAndFind(started.requestId());
        if (request.isEmpty() || request.get().completedAt != null) {
            return;
        }
        OffsetDateTime now = Clock.now();
        if (request.get().startedAt == null) {
            request.get().startedAt = now;
        }
        HostStep step = steps.findById(request.get().hostStepId);
        if (step.status == StepStatus.RUNNING && started.requestId().equals(step.requestId)) {
            RunRole role = roles.get(step.runId, step.role);
            step.deadlineAt = now.plusSeconds(role.policy.puppetRunTimeoutSeconds).plus(config.requestGrace());
            step.updatedAt = now;
            if (step.waitingFor() != null && step.waitingFor().startsWith("puppet-runner")) {
                step.waitOver(); // the runner answered: from now on the run's own timeout counts
                syncWaits(runs.findById(step.runId));
            }
            changes.host(step);
        }
    }

    public void onPuppetRunCompleted(PuppetRunCompleted result) {
        Optional<HostRequest> found = lockAndFind(result.requestId());
        if (found.isEmpty()) {
            return; // not ours (another orchestrator database) or long gone
        }
        HostRequest request = found.get();
        if (request.completedAt != null) {
            return; // answered before: a redelivered or re-published completion advances nothing
        }
        recordResult(request, result);
        HostStep step = steps.findById(request.hostStepId);
        if (step.status != StepStatus.RUNNING || !result.requestId().equals(step.requestId)) {
            return; // the step moved on (deadline passed, run cancelled): keep the answer, change nothing
        }
        Run run = runs.findById(step.runId);
        RunRole role = roles.get(run.id, step.role);
        OffsetDateTime waitingSince = step.waitingSince();
        completed(run, role, step, request, result);
        if (waitingSince != null || step.waitingFor() != null) {
            syncWaits(run);
        }
    }

    private void completed(Run run, RunRole role, HostStep step, HostRequest request, PuppetRunCompleted result) {
        OffsetDateTime waitingSince = step.waitingSince();
        clearWait(step);
        if (PuppetRunCompleted.interruptedByRunnerStop(result) && run.status.stepsGoOn()
                && step.phase != StepPhase.DONE) {
            // The runner died while puppet ran: the outcome is unknown, and the host ended that run with the
            // session (ADR 0005). Asking again (new request id, same step) is safe: puppet's lock keeps runs apart
            // and a run converges; failing the host would fail the whole deployment for a crash of ours.
            LOG.infof("Puppet run %s on %s was interrupted by a runner stop: requesting it again",
                    result.requestId(), step.hostId);
            requestPuppetRun(run, role, step, switch (step.phase) {
                case PREPARE -> RunPurpose.PREPARE;
                case ENABLE_AGENT -> RunPurpose.ENABLE_AGENT;
                default -> RunPurpose.DEPLOY;
            });
            changes.host(step);
            return;
        }
        if (result.outcome() == RunOutcome.EXPIRED && step.phase != StepPhase.DONE) {
            notStarted(run, role, step, result, waitingSince);
            return;
        }
        Optional<String> noCatalog = OutcomeJudge.catalogUnavailable(result);
        if (noCatalog.isPresent() && run.status.stepsGoOn() && step.phase != StepPhase.DONE) {
            request.outcome = CATALOG_UNAVAILABLE;
            if (step.catalogRetries() < config.catalogRetries()) {
                // The puppet server (or its ENC, its CA) was unavailable: nothing was applied, the host did nothing
                // wrong. Ask again after a back-off; the step shows what it waits for.
                OffsetDateTime now = Clock.now();
                long backoff = Math.min(60_000L,
                        config.catalogRetryBackoff().toMillis() << Math.min(step.catalogRetries(), 10));
                step.catalogUnavailable("puppet-server (catalog unavailable: " + noCatalog.get() + ")",
                        waitingSince == null ? now : waitingSince, now, now.plus(Duration.ofMillis(backoff)));
                LOG.infof("Puppet run %s on %s got no catalog (%s): asking again in %d ms", result.requestId(),
                        step.hostId, noCatalog.get(), backoff);
                changes.host(step);
                return;
            }
            step.waitOver();
            fail(run, role, step, "CATALOG_UNAVAILABLE: no catalog after " + (config.catalogRetries() + 1)
                    + " runs: " + noCatalog.get());
            return;
        }
        switch (step.phase) {
            case PREPARE -> {
                OutcomeJudge.Verdict verdict = OutcomeJudge.prepare(result);
                if (verdict.ok()) {
                    // The agent is off (the PREPARE run said so); the deploy runs use the real catalog.
                    configure(run, role, step, ConfigWait.PRODUCTION);
                } else {
                    fail(run, role, step, verdict.reason());
                }
            }
            case DEPLOY -> deployRunDone(run, role, step, result);
            case ENABLE_AGENT -> {
                OutcomeJudge.Verdict verdict = OutcomeJudge.enableAgent(result);
                if (verdict.ok()) {
                    agentEnabled(run, step);
                } else {
                    fail(run, role, step, verdict.reason());
                }
            }
            case DONE -> LOG.warnf("Completion %s for a finished step of host %s", result.requestId(), step.hostId);
        }
    }

    /**
     * The runner got to the request after its {@code notAfter} and ran nothing (issue 11): not the host's doing. A
     * running run asks again with a fresh request and start limit, and the step shows it waits for the runner; a
     * cancelling run puts the host back in its queue, as if its run had not been requested.
     */
    private void notStarted(Run run, RunRole role, HostStep step, PuppetRunCompleted result,
            OffsetDateTime waitingSince) {
        if (run.status.stepsGoOn()) {
            LOG.infof("Puppet run %s on %s was not started by its start limit (%s): requesting it again",
                    result.requestId(), step.hostId, result.reason());
            requestPuppetRun(run, role, step, purposeOf(step));
            step.notStarted("puppet-runner (a request waited past its start limit in Kafka or the runner's queue; "
                    + "asked again)", waitingSince, Clock.now());
            changes.host(step);
            return;
        }
        requeue(run, role, step);
    }

    /** A cancelling run puts a host whose command was not acted on back in its queue, as if never requested. */
    private void requeue(Run run, RunRole role, HostStep step) {
        switch (step.phase) {
            case PREPARE -> {
                run.prepareRequeued();
                role.prepareRequeued();
            }
            case DEPLOY -> {
                role.deployStopped();
                run.deployStopped();
            }
            case ENABLE_AGENT -> run.agentRequeued();
            case DONE -> {
                return;
            }
        }
        step.status = StepStatus.WAITING;
        changes.host(step);
        settleRun(run);
    }

    /** The discovery image's proxy answered the reboot; the host is prepared once it calls back built. */
    public void onRebootCompleted(RebootCompleted reboot) {
        String requestId = reboot.requestId() != null ? reboot.requestId() : reboot.stepId();
        Optional<HostRequest> found = lockAndFind(requestId);
        if (found.isEmpty() || found.get().completedAt != null) {
            return;
        }
        HostRequest request = found.get();
        HostStep step = steps.findById(request.hostStepId);
        if (step.status != StepStatus.RUNNING || !requestId.equals(step.requestId)) {
            return;
        }
        OffsetDateTime now = Clock.now();
        if (reboot.wasExpired()) {
            request.completedAt = now;
            request.outcome = "EXPIRED";
            request.reason = reboot.reason();
            rebootNotSent(runs.findById(step.runId), step, reboot);
            return;
        }
        request.startedAt = now;
        if (reboot.succeeded()) {
            request.outcome = "REBOOTED";
            step.rebootDone = true;
            step.updatedAt = now;
            changes.host(step);
            return;
        }
        request.completedAt = now;
        request.outcome = "REBOOT_FAILED";
        request.reason = reboot.reason();
        Run run = runs.findById(step.runId);
        boolean waited = step.waitingFor() != null;
        clearWait(step);
        fail(run, roles.get(run.id, step.role), step, "reboot into the installer failed: " + reboot.reason());
        if (waited) {
            syncWaits(run);
        }
    }

    /**
     * The runner got to the reboot after its start limit and sent nothing: not the host's doing. A running run asks
     * for the provisioning again (a new step key, so a new build token and reboot request); a cancelling run puts the
     * host back in its queue.
     */
    private void rebootNotSent(Run run, HostStep step, RebootCompleted reboot) {
        RunRole role = roles.get(run.id, step.role);
        OffsetDateTime waitingSince = step.waitingSince();
        clearWait(step);
        if (run.status.stepsGoOn()) {
            LOG.infof("Reboot %s of %s was not sent by its start limit (%s): asking for the provisioning again",
                    reboot.requestId(), step.hostId, reboot.reason());
            requestProvisioning(run, role, step);
            step.notStarted("puppet-runner (a reboot waited past its start limit in Kafka or the runner's queue; "
                    + "asked again)", waitingSince, Clock.now());
            changes.host(step);
        } else {
            requeue(run, role, step);
        }
        syncWaits(run);
    }

    /** The host's installation called back (its new SSH keys are already in the host view). */
    public void onHostBuilt(String hostId) {
        Optional<String> runId = steps.runOfRunningStep(hostId);
        if (runId.isEmpty() || !locks.lockRun(runId.get())) {
            return;
        }
        Optional<HostStep> running = steps.runningStepOfHost(hostId);
        if (running.isEmpty() || running.get().phase != StepPhase.PREPARE
                || running.get().route != PrepareRoute.PROVISION || running.get().requestId == null) {
            return;
        }
        HostStep step = running.get();
        HostRequest request = requests.findById(step.requestId);
        request.completedAt = Clock.now();
        request.outcome = "BUILT";
        Run run = runs.findById(step.runId);
        boolean waited = step.waitingFor() != null;
        clearWait(step);
        step.freshBuild = true;
        prepared(run, roles.get(run.id, step.role), step);
        if (waited) {
            syncWaits(run);
        }
    }

    /** The registry applied an environment/runmode change: the step that waited for it goes on. */
    public void onConfigurationApplied(HostConfigurationApplied applied) {
        Optional<String> runId = steps.runOfRunningStep(applied.hostId());
        if (runId.isEmpty() || !locks.lockRun(runId.get())) {
            return;
        }
        Optional<HostStep> running = steps.runningStepOfHost(applied.hostId());
        if (running.isEmpty() || running.get().awaitingConfig == null
                || !running.get().configEventId.equals(applied.causationId())) {
            return; // not what this step waits for (an older change, or a duplicate)
        }
        HostStep step = running.get();
        ConfigWait then = step.awaitingConfig;
        step.awaitingConfig = null;
        step.configEventId = null;
        boolean waited = step.waitingFor() != null;
        clearWait(step);
        Run run = runs.findById(step.runId);
        proceed(run, roles.get(run.id, step.role), step, then);
        if (waited) {
            syncWaits(run);
        }
    }

    /**
     * Fails the due steps of one run. Skips the run when someone else holds it: the holder may be answering the
     * very step, and the next tick comes soon.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int expireDue(String runId, int limit) {
        if (!locks.tryLockRun(runId)) {
            return 0;
        }
        Run run = runs.findById(runId);
        OffsetDateTime now = Clock.now();
        int expired = 0;
        for (HostStep step : steps.dueOfRun(runId, now, limit)) {
            if (step.status != StepStatus.RUNNING) {
                step.deadlineAt = null;
                continue;
            }
            RunRole role = roles.get(runId, step.role);
            if (run.status.stepsGoOn() && waitForPart(run, role, step, now)) {
                if (run.status == RunStatus.RUNNING && step.waitingSince() != null
                        && !run.waitCountedFrom(step.waitingSince()).plus(config.waitLimit()).isAfter(now)) {
                    pause(run, step, now);
                }
                continue;
            }
            String reason = timeoutReason(step, role);
            if (step.requestId != null) {
                HostRequest request = requests.findById(step.requestId);
                request.completedAt = now;
                request.outcome = "NO_ANSWER";
                request.reason = reason;
            }
            step.awaitingConfig = null;
            step.configEventId = null;
            clearWait(step);
            fail(run, role, step, reason);
            expired++;
        }
        syncWaits(run);
        return expired;
    }

    /**
     * A host waited for a part of Staypuft longer than the wait limit: the run pauses rather than failing anyone. No
     * new host starts (every slot filler asks for RUNNING); steps under way go on and keep waiting.
     */
    private void pause(Run run, HostStep step, OffsetDateTime now) {
        String part = HostStep.partOf(step.waitingFor());
        String limit = config.waitLimit().toString();
        OffsetDateTime countedFrom = run.waitCountedFrom(step.waitingSince());
        String reason = "paused: waiting for " + step.waitingFor() + " since " + step.waitingSince()
                + ", longer than the wait limit " + limit
                + (countedFrom.equals(step.waitingSince()) ? "" : " counted from the resume at " + countedFrom)
                + "; resume it (staypuft runs resume " + run.id + ") once " + part + " is back";
        run.paused(step.waitingFor(), step.waitingSince(), now, reason);
        outbox.publish(new RunPaused(run.deploymentId, run.id, part, step.waitingFor(),
                step.waitingSince().toInstant().toString(), limit, reason));
        changes.run(run);
        LOG.warnf("Run %s of %s is paused: %s", run.id, run.deploymentName, reason);
    }

    /**
     * Announces the parts the run starts or stops waiting for, on the transition only: a {@link RunWaiting} when the
     * first of its hosts waits for a part, a {@link RunWaitEnded} when none does any more. Reads the waiting steps
     * only (index host_step_waiting); called where a step's wait may have changed.
     */
    @SuppressWarnings("unchecked")
    void syncWaits(Run run) {
        steps.flush();
        List<Object[]> rows = steps.getEntityManager().createNativeQuery(
                "SELECT split_part(waiting_for, ' (', 1), min(waiting_since), count(*), min(waiting_for) "
                        + "FROM host_step WHERE run_id = ?1 AND waiting_for IS NOT NULL AND status = 'RUNNING' "
                        + "GROUP BY 1")
                .setParameter(1, run.id).getResultList();
        Map<String, String> announced = run.waitingParts == null
                ? Map.of()
                : JsonColumns.stringMap(run.waitingParts);
        Map<String, String> now = new LinkedHashMap<>();
        for (Object[] row : rows) {
            String part = (String) row[0];
            if (announced.containsKey(part)) {
                now.put(part, announced.get(part));
                continue;
            }
            String since = instantOf(row[1]).toString();
            now.put(part, since);
            outbox.publish(new RunWaiting(run.deploymentId, run.id, part, (String) row[3], since,
                    ((Number) row[2]).intValue()));
        }
        OffsetDateTime at = Clock.now();
        announced.forEach((part, since) -> {
            if (!now.containsKey(part)) {
                outbox.publish(new RunWaitEnded(run.deploymentId, run.id, part, since,
                        Math.max(0, Duration.between(Instant.parse(since), at.toInstant()).toMillis())));
            }
        });
        if (!now.equals(announced)) {
            run.waitingParts = now.isEmpty() ? null : JsonColumns.write(now);
        }
    }

    private static Instant instantOf(Object value) {
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return Clock.now().toInstant();
    }

    /**
     * A deadline passed. When what did not answer is a part of Staypuft (the puppet-runner never said a run started
     * or ended, the registry never confirmed a configuration change, Kafka between them), the host did nothing wrong:
     * the step waits for that part, sends its command again (same request id: the runner runs it at most once) and
     * looks again after {@code part-recheck}. It goes on by itself when the answer comes. Only a discovered host that
     * was rebooted into its installer and never called back built fails on its deadline: that is the host's own doing.
     *
     * @return true when the step waits on, false when its host fails
     */
    private boolean waitForPart(Run run, RunRole role, HostStep step, OffsetDateTime now) {
        OffsetDateTime recheck = now.plus(config.partRecheck());
        Optional<DatabaseOutages.Outage> outage = outages.within(now, config.outageGrace());
        if (step.retryDue()) {
            step.retrying();
            requestPuppetRun(run, role, step, purposeOf(step));
            changes.host(step);
            return true;
        }
        if (step.awaitingConfig != null) {
            // Ask again with a new change event (the registry applies it idempotently and confirms that one): a
            // registry that was away reads the topic from where it stopped anyway, this also covers a lost event.
            ConfigWait wait = step.awaitingConfig;
            step.configEventId = hostStates.configure(run.deploymentId, step.hostId, wait.environment(),
                    wait.runmode());
            step.waitForPart(outage.map(DatabaseOutages.Outage::waitDescription)
                    .orElse("host-registry (to confirm the " + wait.description() + ")"), now, recheck);
            changes.host(step);
            return true;
        }
        if (step.requestId == null) {
            return false;
        }
        HostRequest request = requests.findById(step.requestId);
        boolean provisioning = HostRequest.PROVISION.equals(request.kind);
        if (provisioning && step.rebootDone) {
            if (outage.isEmpty()) {
                return false; // rebooted into the installer and never called back built: the host's own doing
            }
            // Its callback may be held up by the outage (the registry's retries, Kafka): not the host's doing yet.
            step.waitForPart(outage.get().waitDescription(), now, recheck);
            changes.host(step);
            return true;
        }
        String part = outage.isPresent()
                ? outage.get().waitDescription()
                : provisioning
                        ? "puppet-runner (the reboot into the installer is not acknowledged)"
                        : request.startedAt == null
                                ? "puppet-runner (the run is queued, not started on the host)"
                                : "puppet-runner (no result since the run started on the host)";
        if (step.waitingFor() == null) {
            LOG.warnf("Step of host %s in run %s waits for %s; it will not fail the host for it", step.hostId,
                    run.id, part);
        }
        commands.resend(request);
        step.waitForPart(part, now, recheck);
        changes.host(step);
        return true;
    }

    private static RunPurpose purposeOf(HostStep step) {
        return switch (step.phase) {
            case PREPARE -> RunPurpose.PREPARE;
            case ENABLE_AGENT -> RunPurpose.ENABLE_AGENT;
            default -> RunPurpose.DEPLOY;
        };
    }

    private String timeoutReason(HostStep step, RunRole role) {
        if (step.awaitingConfig != null) {
            return "TIMEOUT: the host registry did not confirm the " + step.awaitingConfig.description() + " within "
                    + config.configurationTimeout().toSeconds() + " s";
        }
        if (step.phase == StepPhase.PREPARE && step.route == PrepareRoute.PROVISION) {
            return "TIMEOUT: no built callback within " + role.policy.provisioningTimeoutSeconds
                    + " s of the provisioning "
                    + "request (reboot " + (step.rebootDone ? "acknowledged" : "never acknowledged") + ")";
        }
        return "TIMEOUT: no result from the puppet-runner for request " + step.requestId + " in time";
    }

    // ---------------------------------------------------------------- starting work

    /**
     * Starts whatever can start: prepare slots, roles whose dependencies are ready, free deploy slots, agent slots;
     * then ends the run if nothing is left. After a run starts, a retry or a skip; O(roles), not O(hosts).
     */
    public void kick(Run run) {
        fillPrepareSlots(run);
        for (RunRole role : roles.ofRun(run.id)) {
            if (role.status == RoleStatus.WAITING && role.depsPending() == 0) {
                startRole(run, role);
            } else if (role.status == RoleStatus.RUNNING) {
                settleRole(run, role);
                fillRoleSlots(run, role);
            } else if (role.status == RoleStatus.READY) {
                fillRoleSlots(run, role);
            }
        }
        if (run.allRolesReady()) {
            beginFinish(run);
        }
        fillAgentSlots(run);
        settleRun(run);
    }

    private void startRole(Run run, RunRole role) {
        if (run.status != RunStatus.RUNNING) {
            return;
        }
        if (role.needsApproval()) {
            awaitApproval(run, role);
            return;
        }
        role.status = RoleStatus.RUNNING;
        role.startedAt = Clock.now();
        role.finishedAt = null;
        role.reason = null;
        outbox.publish(new RoleStarted(run.deploymentId, run.id, role.name, role.hostCount));
        changes.role(role);
        settleRole(run, role);
        fillRoleSlots(run, role);
    }

    /**
     * The role's dependencies are ready but its policy needs an operator's approval: it waits, with its deadline
     * when the policy has a timeout (the {@link DeadlineScanner} fails it then: {@link #expireApprovals}).
     */
    private void awaitApproval(Run run, RunRole role) {
        OffsetDateTime now = Clock.now();
        Integer timeout = role.policy.approvalTimeoutSeconds;
        role.status = RoleStatus.AWAITING_APPROVAL;
        role.approvalRequestedAt = now;
        role.approvalDeadlineAt = timeout == null ? null : now.plusSeconds(timeout);
        role.reason = "awaiting an operator's approval (staypuft runs approve " + run.id + " " + role.name + ")";
        outbox.publish(new RoleApprovalRequested(run.deploymentId, run.id, role.name, role.hostCount, timeout,
                role.approvalDeadlineAt == null ? null : role.approvalDeadlineAt.toInstant().toString()));
        changes.role(role);
        LOG.infof("Role %s of run %s awaits an operator's approval", role.name, run.id);
    }

    /**
     * An operator approves a role that awaits the approval: who and when are recorded, and it starts (at once when
     * the run is running; a paused run starts it when resumed). The caller holds the run's lock.
     *
     * @return false when the role does not await an approval (nothing changed)
     */
    public boolean approve(Run run, RunRole role, String who) {
        if (role.status != RoleStatus.AWAITING_APPROVAL) {
            return false;
        }
        OffsetDateTime now = Clock.now();
        role.approvedBy = who;
        role.approvedAt = now;
        role.approvalDeadlineAt = null;
        role.reason = null;
        role.status = RoleStatus.WAITING;
        outbox.publish(new RoleApproved(run.deploymentId, run.id, role.name, who,
                Math.max(0, Duration.between(role.approvalRequestedAt, now).toMillis())));
        changes.role(role);
        kick(run);
        return true;
    }

    /**
     * Fails the roles of one run whose approval timeout passed, like a role whose hosts failed: its dependents are
     * blocked and the run ends failed once nothing else is under way. Skips the run when someone else holds it.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int expireApprovals(String runId) {
        if (!locks.tryLockRun(runId)) {
            return 0;
        }
        Run run = runs.findById(runId);
        OffsetDateTime now = Clock.now();
        int expired = 0;
        for (RunRole role : roles.ofRun(runId)) {
            if (role.approvalDeadlineAt == null || role.approvalDeadlineAt.isAfter(now)) {
                continue;
            }
            role.approvalDeadlineAt = null;
            if (role.status != RoleStatus.AWAITING_APPROVAL || !run.status.stepsGoOn()) {
                continue; // a cancelling run cancels it when it ends
            }
            role.status = RoleStatus.FAILED;
            role.finishedAt = now;
            role.reason = "APPROVAL_TIMEOUT: no operator approved the role within its approval timeout of "
                    + role.policy.approvalTimeoutSeconds + " s";
            run.roleFailed();
            outbox.publish(new RoleFailed(run.deploymentId, run.id, role.name, List.of(), role.reason));
            changes.role(role);
            blockDependents(run, role);
            expired++;
        }
        if (expired > 0) {
            settleRun(run);
        }
        return expired;
    }

    /**
     * Prepare slots go to roles in dependency order (the roles that deploy first are prepared first); failed and
     * blocked roles get none. O(roles + free slots).
     */
    private void fillPrepareSlots(Run run) {
        if (run.status != RunStatus.RUNNING) {
            return;
        }
        int free = config.prepareConcurrency() - run.prepareActive();
        if (free <= 0) {
            return;
        }
        for (RunRole role : roles.ofRun(run.id)) {
            if (role.status.dead() || role.prepareWaiting() <= 0 || role.needsApproval()) {
                continue;
            }
            for (HostStep step : steps.nextOfRole(run.id, role.name, StepPhase.PREPARE,
                    Math.min(free, role.prepareWaiting()))) {
                startPrepare(run, role, step);
                free--;
            }
            if (free <= 0) {
                return;
            }
        }
    }

    private void startPrepare(Run run, RunRole role, HostStep step) {
        role.prepareStarted();
        run.prepareStarted();
        startStep(run, step);
        if (step.route == PrepareRoute.PROVISION) {
            requestProvisioning(run, role, step); // the registry switches it to production itself
            changes.host(step);
        } else {
            configure(run, role, step, ConfigWait.PREPARE_RUN);
        }
    }

    /** Starts the next waiting hosts of the role, as many as its mode has free slots: one indexed LIMIT query. */
    private void fillRoleSlots(Run run, RunRole role) {
        if (run.status != RunStatus.RUNNING
                || (role.status != RoleStatus.RUNNING && role.status != RoleStatus.READY)) {
            return;
        }
        int free = role.freeSlots();
        if (free <= 0) {
            return;
        }
        for (HostStep step : steps.nextOfRole(run.id, role.name, StepPhase.DEPLOY, free)) {
            role.deployStarted();
            run.deployStarted();
            step.deployRunsDone = 0;
            startStep(run, step);
            requestPuppetRun(run, role, step, RunPurpose.DEPLOY);
            changes.host(step);
        }
    }

    /** Once every role is ready: agents are re-enabled, never before (a failed role leaves them all off). */
    private void beginFinish(Run run) {
        if (run.phase != RunPhase.ROLES || run.status != RunStatus.RUNNING) {
            return;
        }
        run.phase = RunPhase.FINISHING;
        changes.run(run);
    }

    private void fillAgentSlots(Run run) {
        if (run.status != RunStatus.RUNNING || run.phase != RunPhase.FINISHING || run.agentsPending() <= 0) {
            return;
        }
        int free = Math.min(config.enableAgentConcurrency() - run.agentActive(), run.agentsPending());
        if (free <= 0) {
            return;
        }
        for (HostStep step : steps.nextOfRun(run.id, StepPhase.ENABLE_AGENT, free)) {
            run.agentStarted();
            startStep(run, step);
            configure(run, roles.get(run.id, step.role), step, ConfigWait.ENABLE_AGENT);
        }
    }

    /**
     * Sends the environment/runmode change {@code then} waits for, and goes on with it once the registry confirms the
     * classifier answers with it (or at once when configured not to wait).
     */
    private void configure(Run run, RunRole role, HostStep step, ConfigWait then) {
        String eventId = hostStates.configure(run.deploymentId, step.hostId, then.environment(), then.runmode());
        if (!config.awaitConfigurationApplied()) {
            proceed(run, role, step, then);
            return;
        }
        step.awaitingConfig = then;
        step.configEventId = eventId;
        step.requestId = null;
        step.deadlineAt = Clock.now().plus(config.configurationTimeout());
        step.updatedAt = Clock.now();
        changes.host(step);
    }

    private void proceed(Run run, RunRole role, HostStep step, ConfigWait then) {
        if (!run.status.stepsGoOn() && then != ConfigWait.PRODUCTION) {
            // Cancelling: the run this change was for is not requested; the host goes back to its queue.
            if (then == ConfigWait.PREPARE_RUN) {
                run.prepareRequeued();
                role.prepareRequeued();
            } else {
                run.agentRequeued();
            }
            step.status = StepStatus.WAITING;
            changes.host(step);
            settleRun(run);
            return;
        }
        switch (then) {
            case PREPARE_RUN -> {
                requestPuppetRun(run, role, step, RunPurpose.PREPARE);
                changes.host(step);
            }
            case PRODUCTION -> prepared(run, role, step);
            case ENABLE_AGENT -> {
                requestPuppetRun(run, role, step, RunPurpose.ENABLE_AGENT);
                changes.host(step);
            }
        }
    }

    /** The run's and role's counters already count the host in its phase. */
    private void startStep(Run run, HostStep step) {
        step.status = StepStatus.RUNNING;
        if (step.startedAt == null) {
            step.startedAt = Clock.now();
        }
        hostStates.deploying(run.deploymentId, step.hostId);
    }

    // ---------------------------------------------------------------- a host moves on

    private void prepared(Run run, RunRole role, HostStep step) {
        run.prepared();
        step.phase = StepPhase.DEPLOY;
        step.status = StepStatus.WAITING;
        changes.host(step);
        fillRoleSlots(run, role);
        fillPrepareSlots(run);
        settleRun(run);
    }

    private void deployRunDone(Run run, RunRole role, HostStep step, PuppetRunCompleted result) {
        step.deployRunDone();
        OutcomeJudge.Verdict verdict = OutcomeJudge.deploy(result, step.deployRunsDone, role.policy.puppetRuns);
        if (!verdict.ok()) {
            fail(run, role, step, verdict.reason());
        } else if (step.deployRunsDone < role.policy.puppetRuns) {
            if (run.status.stepsGoOn()) {
                requestPuppetRun(run, role, step, RunPurpose.DEPLOY); // the host keeps its slot
                changes.host(step);
            } else {
                // Cancelling: the host stops between runs and gives its slot back.
                role.deployStopped();
                run.deployStopped();
                step.status = StepStatus.WAITING;
                changes.host(step);
                settleRun(run);
            }
        } else {
            role.deployPassed();
            run.deployPassed();
            step.phase = StepPhase.ENABLE_AGENT;
            step.status = StepStatus.WAITING;
            changes.host(step);
            settleRole(run, role);
            fillRoleSlots(run, role);
            fillAgentSlots(run);
            settleRun(run);
        }
    }

    private void agentEnabled(Run run, HostStep step) {
        run.agentEnabled();
        step.phase = StepPhase.DONE;
        step.status = StepStatus.SUCCEEDED;
        step.finishedAt = Clock.now();
        outbox.publish(new AgentEnabled(run.deploymentId, run.id, step.hostId));
        outbox.publish(new HostDeployed(run.deploymentId, run.id, step.hostId, step.role));
        hostStates.deployed(run.deploymentId, step.hostId);
        changes.host(step);
        fillAgentSlots(run);
        settleRun(run);
    }

    /** The host fails at once with its reason; its agent stays disabled. */
    void fail(Run run, RunRole role, HostStep step, String reason) {
        StepPhase phase = step.phase;
        run.hostFailed(phase);
        role.hostFailed(phase);
        step.status = StepStatus.FAILED;
        step.failedPhase = phase;
        step.reason = reason;
        step.finishedAt = Clock.now();
        outbox.publish(new HostFailed(run.deploymentId, run.id, step.hostId, step.role, step.contractPhase(), reason));
        hostStates.failed(run.deploymentId, step.hostId, reason);
        changes.host(step);
        if (phase == StepPhase.ENABLE_AGENT) {
            fillAgentSlots(run);
        } else {
            settleRole(run, role);
            fillRoleSlots(run, role);
            if (phase == StepPhase.PREPARE) {
                fillPrepareSlots(run);
            }
        }
        settleRun(run);
    }

    // ---------------------------------------------------------------- roles and the run settle

    /** A waiting or running role fails beyond its tolerance, or is ready once all its hosts are through. */
    void settleRole(Run run, RunRole role) {
        if (role.status != RoleStatus.WAITING && role.status != RoleStatus.RUNNING) {
            return;
        }
        if (role.failedBeyondTolerance()) {
            roleFailed(run, role);
        } else if (role.status == RoleStatus.RUNNING && role.settled()) {
            roleReady(run, role);
        }
    }

    private void roleReady(Run run, RunRole role) {
        role.status = RoleStatus.READY;
        role.finishedAt = Clock.now();
        run.roleReady();
        outbox.publish(new RoleReady(run.deploymentId, run.id, role.name, role.succeeded(), role.failed()));
        changes.role(role);
        for (String name : role.dependentNames()) {
            RunRole dependent = roles.get(run.id, name);
            if (dependent.dependencyReady() && dependent.status == RoleStatus.WAITING) {
                startRole(run, dependent);
            }
        }
        if (run.allRolesReady()) {
            beginFinish(run);
            fillAgentSlots(run);
        }
    }

    private void roleFailed(Run run, RunRole role) {
        role.status = RoleStatus.FAILED;
        role.finishedAt = Clock.now();
        role.reason = role.failed() + " of " + role.hostCount + " hosts failed, "
                + role.policy.toleranceText();
        run.roleFailed();
        List<String> failedHosts = steps.failedHostsOfRole(run.id, role.name, MAX_FAILED_HOSTS_IN_EVENT);
        outbox.publish(new RoleFailed(run.deploymentId, run.id, role.name, failedHosts, role.reason));
        changes.role(role);
        blockDependents(run, role);
    }

    /** Dependents (transitively) of a failed role will not start in this run: the stack would be inconsistent. */
    private void blockDependents(Run run, RunRole failed) {
        Deque<String> pending = new ArrayDeque<>(failed.dependentNames());
        while (!pending.isEmpty()) {
            RunRole dependent = roles.get(run.id, pending.pop());
            if (dependent.status == RoleStatus.WAITING) {
                dependent.status = RoleStatus.BLOCKED;
                dependent.reason = "depends on failed role " + failed.name;
                changes.role(dependent);
                pending.addAll(dependent.dependentNames());
            }
        }
    }

    /**
     * Ends the run when nothing can move any more; all from counters. A failed role ends it once nothing is in
     * flight; independent branches run to their end first.
     */
    void settleRun(Run run) {
        if (run.status == RunStatus.CANCELLING) {
            if (run.idle()) {
                endRun(run, RunStatus.CANCELLED);
            }
        } else if (run.status.stepsGoOn()) {
            if (run.phase == RunPhase.FINISHING && run.agentsPending() == 0 && run.agentActive() == 0
                    && run.idle()) {
                endRun(run, run.agentsFailed() > 0 ? RunStatus.FAILED : RunStatus.COMPLETED);
            } else if (run.rolesFailed() > 0 && run.idle()) {
                endRun(run, RunStatus.FAILED);
            }
        }
    }

    void endRun(Run run, RunStatus status) {
        OffsetDateTime now = Clock.now();
        if (run.status == RunStatus.PAUSED) {
            run.pauseOver(now); // nothing was left to start: it ended by itself
        }
        run.status = status;
        run.phase = RunPhase.ENDED;
        run.finishedAt = now;
        List<RunRole> runRoles = roles.ofRun(run.id);
        switch (status) {
            case COMPLETED -> outbox.publish(new DeploymentCompleted(run.deploymentId, run.id, run.hostsDeployed(),
                    run.hostsSkipped(), Duration.between(run.createdAt, now).toMillis()));
            case FAILED -> {
                List<String> failedRoles = runRoles.stream().filter(r -> r.status == RoleStatus.FAILED)
                        .map(r -> r.name).toList();
                run.reason = failedRoles.isEmpty()
                        ? run.agentsFailed() + " hosts failed to re-enable their agent"
                        : "roles failed: " + String.join(", ", failedRoles) + "; agents stay disabled";
                outbox.publish(new DeploymentFailed(run.deploymentId, run.id, failedRoles, run.hostsFailed(),
                        run.reason));
            }
            case CANCELLED -> {
                run.reason = "cancelled by " + run.cancelledBy;
                outbox.publish(new DeploymentCancelled(run.deploymentId, run.id, run.cancelledBy));
                for (RunRole role : runRoles) {
                    if (role.status == RoleStatus.WAITING || role.status == RoleStatus.RUNNING
                            || role.status == RoleStatus.BLOCKED || role.status == RoleStatus.AWAITING_APPROVAL) {
                        if (role.status == RoleStatus.AWAITING_APPROVAL) {
                            role.reason = "cancelled while awaiting an operator's approval";
                            role.approvalDeadlineAt = null;
                        }
                        role.status = RoleStatus.CANCELLED;
                        role.finishedAt = now;
                        changes.role(role);
                    }
                }
            }
            default -> throw new IllegalArgumentException("Not an end: " + status);
        }
        // Once per run: hosts this run left half-way are announced as merely assigned again.
        for (HostStep step : steps.startedButWaiting(run.id)) {
            hostStates.idle(run.deploymentId, step.hostId);
        }
        syncWaits(run);
        changes.run(run);
        LOG.infof("Run %s of %s ended %s", run.id, run.deploymentName, status);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Requests a puppet run for the step. A freshly built host may still be installing: its first run waits for SSH
     * as long as the role allows.
     */
    private void requestPuppetRun(Run run, RunRole role, HostStep step, RunPurpose purpose) {
        int sshReady = step.freshBuild ? role.policy.sshReadyTimeoutSeconds : (int) config.sshRetry().toSeconds();
        step.freshBuild = false;
        step.waitFor(commands.puppetRun(step.commandTarget(run.deploymentId), purpose, step.deployRunsDone + 1,
                sshReady, role.policy.puppetRunTimeoutSeconds, role.policy.sshPort, role.policy.sshUser));
    }

    private void requestProvisioning(Run run, RunRole role, HostStep step) {
        step.waitFor(commands.provision(step.commandTarget(run.deploymentId), role.policy.provisioningTimeoutSeconds));
    }

    /** Locks the run of a request (if it is one of ours) and loads the request after the lock. */
    private Optional<HostRequest> lockAndFind(String requestId) {
        if (requestId == null) {
            return Optional.empty();
        }
        Optional<String> runId = requests.runOf(requestId);
        if (runId.isEmpty() || !locks.lockRun(runId.get())) {
            return Optional.empty();
        }
        return Optional.ofNullable(requests.findById(requestId));
    }

    private static void recordResult(HostRequest request, PuppetRunCompleted result) {
        request.completedAt = Clock.now();
        request.outcome = result.outcome() == null ? null : result.outcome().name();
        request.reason = result.reason();
        request.changedResources = JsonColumns.write(result.changedResources() == null
                ? List.of()
                : result.changedResources());
        request.failedResources = JsonColumns.write(result.failedResources() == null
                ? List.of()
                : result.failedResources());
        request.durationMillis = result.durationMillis();
    }

    private static void clearWait(HostStep step) {
        step.waitOver();
        step.requestId = null;
        step.deadlineAt = null;
        step.updatedAt = Clock.now();
    }
}
