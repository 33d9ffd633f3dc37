package org.staypuft.orchestrator.run.engine;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.staypuft.orchestrator.run.command.CommandTarget;
import org.staypuft.orchestrator.run.command.Sent;

/** One host of a run: its phase, status, what it waits for and until when. */
@Entity
@Table(name = "host_step")
public class HostStep {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "host_step_seq")
    @SequenceGenerator(name = "host_step_seq", sequenceName = "host_step_seq", allocationSize = 50)
    public Long id;

    @Column(name = "run_id", nullable = false)
    public String runId;

    @Column(name = "host_id", nullable = false)
    public String hostId;

    @Column(nullable = false)
    public String role;

    @Column(nullable = false)
    public long ordinal;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PrepareRoute route;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public StepPhase phase;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public StepStatus status;

    /** 1, then one more per retry of the failed host. */
    @Column(nullable = false)
    public int attempt;

    @Column(name = "deploy_runs_done", nullable = false)
    public int deployRunsDone;

    /** Just installed: its first run waits for SSH as long as the role's SSH readiness timeout. */
    @Column(name = "fresh_build", nullable = false)
    public boolean freshBuild;

    @Column(name = "reboot_done", nullable = false)
    public boolean rebootDone;

    /** The outstanding request, if any. */
    @Column(name = "request_id")
    public String requestId;

    /** What to do once the registry applied the configuration change {@link #configEventId}; null: not waiting. */
    @Enumerated(EnumType.STRING)
    @Column(name = "awaiting_config")
    public ConfigWait awaitingConfig;

    /** The ce_id of the host-configuration-changed event whose host-configuration-applied we wait for. */
    @Column(name = "config_event_id")
    public String configEventId;

    @Column(name = "deadline_at")
    public OffsetDateTime deadlineAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "failed_phase")
    public StepPhase failedPhase;

    public String reason;

    @Column(name = "skipped_by")
    public String skippedBy;

    @Column(name = "skip_reason")
    public String skipReason;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The part of Staypuft this step waits for (its deadline passed without an answer from it); null: none. */
    @Column(name = "waiting_for")
    private String waitingFor;

    @Column(name = "waiting_since")
    private OffsetDateTime waitingSince;

    /** Runs of this attempt that could not get their catalog, retried with back-off. */
    @Column(name = "catalog_retries", nullable = false)
    private int catalogRetries;

    /** The step's deadline is the end of a back-off: then its puppet run is requested again. */
    @Column(name = "retry_due", nullable = false)
    private boolean retryDue;

    public String waitingFor() {
        return waitingFor;
    }

    public OffsetDateTime waitingSince() {
        return waitingSince;
    }

    int catalogRetries() {
        return catalogRetries;
    }

    boolean retryDue() {
        return retryDue;
    }

    /** The step waits for a part of Staypuft; the first moment it did so is kept while the part stays the same. */
    void waitForPart(String part, OffsetDateTime now, OffsetDateTime recheckAt) {
        if (waitingFor == null || !waitingFor.equals(part)) {
            waitingSince = waitingFor == null ? now : waitingSince;
            waitingFor = part.length() > 300 ? part.substring(0, 300) : part;
        }
        deadlineAt = recheckAt;
        updatedAt = now;
    }

    /** The puppet server gave no catalog: the run is asked for again at {@code retryAt}. */
    void catalogUnavailable(String part, OffsetDateTime since, OffsetDateTime now, OffsetDateTime retryAt) {
        catalogRetries++;
        requestId = null;
        retryDue = true;
        waitForPart(part, now, retryAt);
        waitingSince = since;
    }

    /**
     * The runner answered that it never started the run (its start limit passed in Kafka or the runner's queue);
     * the run was requested again: the step shows it waits for the runner, since {@code since}, until its new
     * deadline.
     */
    void notStarted(String part, OffsetDateTime since, OffsetDateTime now) {
        waitingFor = part;
        waitingSince = since == null ? now : since;
        updatedAt = now;
    }

    /** The back-off ended: the run is being requested again. */
    void retrying() {
        retryDue = false;
    }

    /** An answer came: the part it waited for is back. */
    void waitOver() {
        waitingFor = null;
        waitingSince = null;
        retryDue = false;
    }

    /** A new attempt (retry-failed) starts with a fresh catalog budget. */
    void newAttempt() {
        catalogRetries = 0;
        waitOver();
    }

    /** The part a wait names: {@code puppet-runner} of {@code puppet-runner (the run is queued, ...)}. */
    public static String partOf(String waitingFor) {
        int detail = waitingFor.indexOf(" (");
        return detail < 0 ? waitingFor : waitingFor.substring(0, detail);
    }

    /** Who a command for this step is for. */
    public CommandTarget commandTarget(String deploymentId) {
        return new CommandTarget(deploymentId, runId, id, hostId, attempt);
    }

    /** A command was sent for the step: it waits for that answer until the command's deadline. */
    void waitFor(Sent sent) {
        requestId = sent.requestId();
        updatedAt = sent.sentAt();
        deadlineAt = sent.deadlineAt();
    }

    /** One more deploy run of this attempt answered. */
    void deployRunDone() {
        deployRunsDone++;
    }

    /** The phase name of the contract's host-failed event. */
    public String contractPhase() {
        StepPhase p = failedPhase != null ? failedPhase : phase;
        return switch (p) {
            case PREPARE -> route == PrepareRoute.PROVISION ? "provision" : "prepare";
            case DEPLOY -> "deploy";
            case ENABLE_AGENT, DONE -> "enable-agent";
        };
    }
}
