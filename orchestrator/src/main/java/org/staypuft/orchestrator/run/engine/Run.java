package org.staypuft.orchestrator.run.engine;

import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A run of a deployment with its run-wide counters. The counters make every decision O(1): "is anything still in
 * flight", "are all roles ready", "how many agent slots are free" never count rows.
 */
@Entity
@Table(name = "run")
public class Run {

    @Id
    public String id;

    @Column(name = "deployment_id", nullable = false)
    public String deploymentId;

    @Column(name = "deployment_name", nullable = false)
    public String deploymentName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RunStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RunPhase phase;

    @Column(name = "redeploy_all", nullable = false)
    public boolean redeployAll;

    @Column(name = "triggered_by", nullable = false)
    public String triggeredBy;

    @Column(name = "cancelled_by")
    public String cancelledBy;

    @Column(name = "host_count", nullable = false)
    public int hostCount;

    @Column(name = "roles_total", nullable = false)
    public int rolesTotal;

    @Column(name = "roles_ready", nullable = false)
    private int rolesReady;

    @Column(name = "roles_failed", nullable = false)
    private int rolesFailed;

    /** Hosts with a command outstanding, in any phase. */
    @Column(nullable = false)
    private int active;

    @Column(name = "prepare_active", nullable = false)
    private int prepareActive;

    @Column(name = "agent_active", nullable = false)
    private int agentActive;

    /** Hosts that passed their role and wait for the finish phase. */
    @Column(name = "agents_pending", nullable = false)
    private int agentsPending;

    @Column(name = "agents_failed", nullable = false)
    private int agentsFailed;

    @Column(name = "hosts_deployed", nullable = false)
    private int hostsDeployed;

    @Column(name = "hosts_failed", nullable = false)
    private int hostsFailed;

    @Column(name = "hosts_skipped", nullable = false)
    private int hostsSkipped;

    public String reason;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    /** While PAUSED: the wait that reached the limit (a step's {@code waiting_for}), since when, when it paused. */
    @Column(name = "paused_for")
    private String pausedFor;

    @Column(name = "paused_since")
    private OffsetDateTime pausedSince;

    @Column(name = "paused_at")
    private OffsetDateTime pausedAt;

    /** The last resume: the wait limit counts from here for hosts that waited before it. */
    @Column(name = "resumed_at")
    private OffsetDateTime resumedAt;

    /** The parts the run was announced as waiting for (run-waiting events), JSON part -> since; null: none. */
    @Column(name = "waiting_parts")
    String waitingParts;

    // ---------------------------------------------------------------- counters, read

    /** Hosts with a command outstanding, in any phase. */
    public int active() {
        return active;
    }

    public int prepareActive() {
        return prepareActive;
    }

    public int agentActive() {
        return agentActive;
    }

    public int agentsPending() {
        return agentsPending;
    }

    public int agentsFailed() {
        return agentsFailed;
    }

    public int rolesReady() {
        return rolesReady;
    }

    public int rolesFailed() {
        return rolesFailed;
    }

    public int hostsDeployed() {
        return hostsDeployed;
    }

    public int hostsFailed() {
        return hostsFailed;
    }

    public int hostsSkipped() {
        return hostsSkipped;
    }

    /** Nothing is in flight. */
    public boolean idle() {
        return active == 0;
    }

    public boolean allRolesReady() {
        return rolesReady == rolesTotal;
    }

    public String pausedFor() {
        return pausedFor;
    }

    /** The part the run was paused for ({@code puppet-runner}, ...), or null. */
    public String pausedPart() {
        return pausedFor == null ? null : HostStep.partOf(pausedFor);
    }

    public OffsetDateTime pausedSince() {
        return pausedSince;
    }

    public OffsetDateTime pausedAt() {
        return pausedAt;
    }

    /** Since when a host's wait that began at {@code waitingSince} counts against the wait limit. */
    OffsetDateTime waitCountedFrom(OffsetDateTime waitingSince) {
        return resumedAt != null && resumedAt.isAfter(waitingSince) ? resumedAt : waitingSince;
    }

    // ---------------------------------------------------------------- pause and resume

    /** A host waited for {@code waitingFor} since {@code since}, longer than the wait limit: nothing new starts. */
    void paused(String waitingFor, OffsetDateTime since, OffsetDateTime now, String why) {
        status = RunStatus.PAUSED;
        pausedFor = waitingFor;
        pausedSince = since;
        pausedAt = now;
        reason = why;
    }

    /**
     * The pause is over (an operator resumed the run, or it ended by itself): the wait limit counts from
     * {@code now}.
     *
     * @return how long it was paused
     */
    Duration pauseOver(OffsetDateTime now) {
        Duration paused = pausedAt == null
                ? Duration.ZERO
                : Duration.between(pausedAt, now);
        pausedFor = null;
        pausedSince = null;
        pausedAt = null;
        resumedAt = now;
        reason = null;
        return paused;
    }

    // ---------------------------------------------------------------- counters, what happened to a host

    /** A host starts its prepare phase (provisioning or the PREPARE run). */
    void prepareStarted() {
        prepareActive++;
        active++;
    }

    /** A host starts its deploy runs. */
    void deployStarted() {
        active++;
    }

    /** A host starts re-enabling its agent. */
    void agentStarted() {
        agentsPending--;
        agentActive++;
        active++;
    }

    /** Cancelling: a host waiting for its prepare configuration goes back to the queue. */
    void prepareRequeued() {
        prepareActive--;
        active--;
    }

    /** Cancelling: a host waiting for its agent configuration goes back to the queue. */
    void agentRequeued() {
        agentActive--;
        agentsPending++;
        active--;
    }

    /** A host is prepared and waits for its role's deploy slot. */
    void prepared() {
        prepareActive--;
        active--;
    }

    /** Cancelling: a host stops between deploy runs. */
    void deployStopped() {
        active--;
    }

    /** A host passed its role's deploy runs and waits for the finish phase. */
    void deployPassed() {
        active--;
        agentsPending++;
    }

    /** A host's agent is on again: it is deployed. */
    void agentEnabled() {
        agentActive--;
        active--;
        hostsDeployed++;
    }

    /** A host failed in {@code phase}. */
    void hostFailed(StepPhase phase) {
        active--;
        hostsFailed++;
        switch (phase) {
            case PREPARE -> prepareActive--;
            case DEPLOY -> {
                // the role counts it
            }
            case ENABLE_AGENT -> {
                agentActive--;
                agentsFailed++;
            }
            case DONE -> throw new IllegalStateException("A finished step cannot fail");
        }
    }

    /** A host that failed in {@code phase} gets another attempt. */
    void hostRetried(StepPhase phase) {
        hostsFailed--;
        if (phase == StepPhase.ENABLE_AGENT) {
            agentsFailed--;
            agentsPending++;
        }
    }

    /** An operator skipped a host that failed in {@code phase}. */
    void hostSkipped(StepPhase phase) {
        hostsFailed--;
        hostsSkipped++;
        if (phase == StepPhase.ENABLE_AGENT) {
            agentsFailed--;
        }
    }

    void roleReady() {
        rolesReady++;
    }

    void roleFailed() {
        rolesFailed++;
    }

    /** A failed role is back within its tolerance. */
    void roleReopened() {
        rolesFailed--;
    }
}
