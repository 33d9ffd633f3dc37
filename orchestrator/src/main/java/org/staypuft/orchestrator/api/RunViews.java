package org.staypuft.orchestrator.api;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The shapes of a run as the API and its live stream show it. */
public final class RunViews {

    private RunViews() {
    }

    /**
     * Run-wide state and counts.
     *
     * @param pause set while the run is PAUSED: what it waits for and since when
     */
    public record RunSummary(String id, String deploymentId, String deploymentName, String status, String phase,
            boolean redeployAll, String triggeredBy, String cancelledBy, Counts counts, String reason,
            OffsetDateTime createdAt, OffsetDateTime finishedAt, Long durationMillis, Pause pause) {
    }

    /**
     * Why a run is PAUSED (issue 11): a host waited for a part of Staypuft longer than the wait limit. Nothing new
     * starts until an operator resumes the run ({@code POST /api/v1/runs/{runId}/resume}).
     *
     * @param part the part, e.g. {@code puppet-runner}
     * @param waitingFor what exactly, as the host shows it, e.g. {@code puppet-runner (the run is queued, not
     *        started on the host)}
     * @param since since when the host waited
     * @param pausedAt when the run paused
     */
    public record Pause(String part, String waitingFor, OffsetDateTime since, OffsetDateTime pausedAt) {
    }

    public record Counts(int hosts, int deployed, int failed, int skipped, int active, int rolesTotal,
            int rolesReady, int rolesFailed) {
    }

    /**
     * A run with its roles: state, counts and timings per role, whatever the number of hosts. The hosts are paged
     * apart ({@link HostStepPage}).
     */
    public record RunDetail(RunSummary run, List<RoleView> roles, List<PartWait> waitingFor) {
    }

    /**
     * A part of Staypuft some hosts of the run wait for (issue 11): their deadlines do not fail them, and the run goes
     * on by itself when the part answers.
     *
     * @param part what is waited for, e.g. {@code puppet-runner (the run is queued, not started on the host)}
     * @param since when the first of these hosts started waiting
     * @param hosts how many hosts wait for it
     */
    public record PartWait(String part, OffsetDateTime since, long hosts) {
    }

    /**
     * One page of a run's hosts, ordered by role, then assignment order.
     *
     * @param total how many hosts match the filters, over all pages
     * @param page the page number, from 0
     * @param size the page size asked for (the last page may hold fewer)
     */
    public record HostStepPage(long total, int page, int size, List<HostStepView> hosts) {
    }

    /**
     * A role of a run.
     *
     * @param approval its approval gate; null when its policy needs no approval
     */
    public record RoleView(String name, String status, List<String> dependsOn, String mode, int maxConcurrent,
            int puppetRuns, int hosts, int succeeded, int failed, int skipped, int active, String reason,
            OffsetDateTime startedAt, OffsetDateTime finishedAt, Long durationMillis,
            @JsonInclude(JsonInclude.Include.NON_NULL) ApprovalView approval) {
    }

    /**
     * A role's approval gate ({@code status} {@code AWAITING_APPROVAL} while it waits).
     *
     * @param timeoutSeconds how long it waits before it fails; null: as long as it takes
     * @param requestedAt since when it waits (its dependencies became ready); null before
     * @param deadlineAt when it fails without an approval; null when it does not wait or has no timeout
     * @param approvedBy the operator who approved it; null before
     */
    public record ApprovalView(Integer timeoutSeconds, OffsetDateTime requestedAt, OffsetDateTime deadlineAt,
            String approvedBy, OffsetDateTime approvedAt) {
    }

    /**
     * A host of a run: phase, status, progress and why it failed or was skipped.
     *
     * @param awaitingConfiguration set while the step waits for the registry to apply an environment/runmode change
     *        before the run named here ({@code PREPARE_RUN}, {@code PRODUCTION}, {@code ENABLE_AGENT})
     * @param waitingFor the part of Staypuft the step waits for since {@code waitingSince}, or null
     */
    public record HostStepView(String hostId, String role, String route, String phase, String status, int attempt,
            int deployRunsDone, String requestId, String awaitingConfiguration, String failedPhase, String reason,
            String skippedBy,
            String skipReason, OffsetDateTime startedAt, OffsetDateTime finishedAt, OffsetDateTime deadlineAt,
            Long durationMillis, String waitingFor, OffsetDateTime waitingSince) {
    }

    /** A host of a run with every command sent for it. */
    public record HostDetail(HostStepView host, List<RequestView> requests) {
    }

    public record RequestView(String requestId, String stepId, String kind, String purpose, int attempt,
            OffsetDateTime sentAt, OffsetDateTime startedAt, OffsetDateTime completedAt, String outcome,
            String reason, List<String> changedResources, List<String> failedResources, Long durationMillis,
            int resent) {
    }
}
