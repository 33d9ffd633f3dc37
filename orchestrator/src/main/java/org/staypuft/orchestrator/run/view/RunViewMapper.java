package org.staypuft.orchestrator.run.view;

import java.time.Duration;
import java.time.OffsetDateTime;

import org.staypuft.kit.json.JsonColumns;
import org.staypuft.orchestrator.api.RunViews;
import org.staypuft.orchestrator.api.RunViews.Counts;
import org.staypuft.orchestrator.api.RunViews.HostStepView;
import org.staypuft.orchestrator.api.RunViews.Pause;
import org.staypuft.orchestrator.api.RunViews.RequestView;
import org.staypuft.orchestrator.api.RunViews.RoleView;
import org.staypuft.orchestrator.api.RunViews.RunSummary;
import org.staypuft.orchestrator.run.command.HostRequest;
import org.staypuft.orchestrator.run.engine.HostStep;
import org.staypuft.orchestrator.run.engine.Run;
import org.staypuft.orchestrator.run.engine.RunRole;

/** The engine's state as the API and the change log show it: one mapping, so the stream and the API agree. */
public final class RunViewMapper {

    private RunViewMapper() {
    }

    public static RunSummary of(Run run) {
        return new RunSummary(run.id, run.deploymentId, run.deploymentName, run.status.name(), run.phase.name(),
                run.redeployAll, run.triggeredBy, run.cancelledBy,
                new Counts(run.hostCount, run.hostsDeployed(), run.hostsFailed(), run.hostsSkipped(), run.active(),
                        run.rolesTotal, run.rolesReady(), run.rolesFailed()),
                run.reason, run.createdAt, run.finishedAt, millis(run.createdAt, run.finishedAt),
                run.pausedFor() == null
                        ? null
                        : new Pause(run.pausedPart(), run.pausedFor(), run.pausedSince(),
                                run.pausedAt()));
    }

    public static RoleView of(RunRole role) {
        return new RoleView(role.name, role.status.name(), role.dependsOnNames(), role.policy.mode,
                role.policy.maxConcurrent,
                role.policy.puppetRuns, role.hostCount, role.succeeded(), role.failed(), role.skipped(), role.active(),
                role.reason, role.startedAt, role.finishedAt, millis(role.startedAt, role.finishedAt),
                role.policy.approvalRequired
                        ? new RunViews.ApprovalView(role.policy.approvalTimeoutSeconds, role.approvalRequestedAt,
                                role.approvalDeadlineAt, role.approvedBy, role.approvedAt)
                        : null);
    }

    public static HostStepView of(HostStep step) {
        return new HostStepView(step.hostId, step.role, step.route.name(), step.phase.name(), step.status.name(),
                step.attempt, step.deployRunsDone, step.requestId,
                step.awaitingConfig == null ? null : step.awaitingConfig.name(),
                step.failedPhase == null ? null : step.failedPhase.name(), step.reason, step.skippedBy,
                step.skipReason, step.startedAt, step.finishedAt, step.deadlineAt,
                millis(step.startedAt, step.finishedAt), step.waitingFor(), step.waitingSince());
    }

    public static RequestView of(HostRequest request) {
        return new RequestView(request.requestId, request.stepKey, request.kind, request.purpose, request.attempt,
                request.sentAt, request.startedAt, request.completedAt, request.outcome, request.reason,
                JsonColumns.list(request.changedResources, String.class),
                JsonColumns.list(request.failedResources, String.class),
                request.durationMillis, request.resent);
    }

    private static Long millis(OffsetDateTime from, OffsetDateTime to) {
        return from == null || to == null ? null : Duration.between(from, to).toMillis();
    }
}
