package org.staypuft.orchestrator.run.engine;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.staypuft.orchestrator.deployment.RolePolicy;
import org.staypuft.orchestrator.persistence.Names;
import org.staypuft.orchestrator.plan.OrchestrationMode;

/**
 * A role within a run: its definition as it was when the run started, and the counters that decide when it is
 * ready ({@code succeeded + failed + skipped == hostCount}) and how many of its hosts may start.
 */
@Entity
@Table(name = "run_role")
@IdClass(RunRole.Key.class)
public class RunRole {

    @Id
    @Column(name = "run_id")
    public String runId;

    @Id
    public String name;

    @Column(nullable = false)
    public int position;

    @Column(name = "depends_on", nullable = false)
    public String dependsOn;

    @Column(nullable = false)
    public String dependents;

    /** Copied from the deployment when the run started. */
    @Embedded
    public RolePolicy policy = new RolePolicy();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RoleStatus status;

    /** Roles it depends on that are not ready yet; it starts at zero. */
    @Column(name = "deps_pending", nullable = false)
    private int depsPending;

    @Column(name = "host_count", nullable = false)
    public int hostCount;

    /** Hosts queued for their prepare phase. */
    @Column(name = "prepare_waiting", nullable = false)
    private int prepareWaiting;

    /** Hosts with a deploy run outstanding, against the mode's slots. */
    @Column(nullable = false)
    private int active;

    @Column(nullable = false)
    private int succeeded;

    @Column(nullable = false)
    private int failed;

    @Column(nullable = false)
    private int skipped;

    public String reason;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    /** Since when it waits for an operator's approval. */
    @Column(name = "approval_requested_at")
    public OffsetDateTime approvalRequestedAt;

    /** When it fails without an approval; null while it does not wait or waits without a timeout. */
    @Column(name = "approval_deadline_at")
    public OffsetDateTime approvalDeadlineAt;

    /** The operator who approved it. */
    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "approved_at")
    public OffsetDateTime approvedAt;

    /** A new role of a run: every host queued for its prepare phase, waiting for all its dependencies. */
    static RunRole planned(String runId, String name, int position, String dependsOn, String dependents,
            RolePolicy policy, int hostCount) {
        RunRole role = new RunRole();
        role.runId = runId;
        role.name = name;
        role.position = position;
        role.dependsOn = dependsOn;
        role.dependents = dependents;
        role.policy = policy;
        role.status = RoleStatus.WAITING;
        role.depsPending = Names.split(dependsOn).size();
        role.hostCount = hostCount;
        role.prepareWaiting = hostCount;
        return role;
    }

    // ---------------------------------------------------------------- counters, read

    public int depsPending() {
        return depsPending;
    }

    public int prepareWaiting() {
        return prepareWaiting;
    }

    /** Hosts with a deploy run outstanding. */
    public int active() {
        return active;
    }

    public int succeeded() {
        return succeeded;
    }

    public int failed() {
        return failed;
    }

    public int skipped() {
        return skipped;
    }

    // ---------------------------------------------------------------- counters, what happened

    /** A dependency became ready; true when none is left. */
    boolean dependencyReady() {
        depsPending--;
        return depsPending == 0;
    }

    void prepareStarted() {
        prepareWaiting--;
    }

    /** Cancelling: a host waiting for its prepare configuration goes back to the queue. */
    void prepareRequeued() {
        prepareWaiting++;
    }

    void deployStarted() {
        active++;
    }

    /** Cancelling: a host stops between deploy runs and gives its slot back. */
    void deployStopped() {
        active--;
    }

    void deployPassed() {
        active--;
        succeeded++;
    }

    /** A host of the role failed in {@code phase}; a failed agent is the run's, not the role's. */
    void hostFailed(StepPhase phase) {
        switch (phase) {
            case PREPARE -> failed++;
            case DEPLOY -> {
                active--;
                failed++;
            }
            case ENABLE_AGENT, DONE -> {
                // the run counts it
            }
        }
    }

    /** A host that failed in {@code phase} gets another attempt. */
    void hostRetried(StepPhase phase) {
        switch (phase) {
            case PREPARE -> {
                failed--;
                prepareWaiting++;
            }
            case DEPLOY -> failed--;
            case ENABLE_AGENT, DONE -> {
                // the run counts it
            }
        }
    }

    /** An operator skipped a host that failed in {@code phase}. */
    void hostSkipped(StepPhase phase) {
        if (phase != StepPhase.ENABLE_AGENT) {
            failed--;
            skipped++;
        }
    }

    /** Its policy needs an approval that no operator gave yet: none of its hosts may start, not even prepare. */
    public boolean needsApproval() {
        return policy.approvalRequired && approvedAt == null;
    }

    public OrchestrationMode orchestrationMode() {
        return OrchestrationMode.parse(policy.mode).orElse(OrchestrationMode.CONCURRENT);
    }

    public List<String> dependentNames() {
        return Names.split(dependents);
    }

    public List<String> dependsOnNames() {
        return Names.split(dependsOn);
    }

    /** Deploy slots free now. */
    public int freeSlots() {
        return orchestrationMode().slots(policy.maxConcurrent, succeeded) - active;
    }

    /** More hosts failed than the role's policy tolerates. */
    public boolean failedBeyondTolerance() {
        return !policy.tolerates(failed, hostCount);
    }

    /** Every host of the role is past its deploy phase one way or another. */
    public boolean settled() {
        return succeeded + failed + skipped >= hostCount;
    }

    public static class Key implements Serializable {

        public String runId;
        public String name;

        public Key() {
        }

        public Key(String runId, String name) {
            this.runId = runId;
            this.name = name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key key && Objects.equals(runId, key.runId) && Objects.equals(name, key.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, name);
        }
    }
}
