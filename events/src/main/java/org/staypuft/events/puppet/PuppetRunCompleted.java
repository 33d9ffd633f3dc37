package org.staypuft.events.puppet;

import java.util.List;

import org.staypuft.events.StaypuftEvent;

/**
 * What a requested puppet run did, read from its exit status and the agent's last run summary and report.
 *
 * @param exitCode the remote exit status, null when the command never ran
 * @param reason why, for every outcome but the successes
 * @param resources counts from {@code last_run_summary.yaml}, null when it could not be read
 * @param changedResources titles of changed resources, e.g. {@code Service[puppet]} (at most 50)
 * @param failedResources titles of failed resources (at most 50)
 * @param outputTail the last lines of the command's output (at most 4 KiB)
 * @param attempts how many times the runner tried (unreachable and "already in progress" are retried)
 * @param interrupted true when the runner stopped (crashed) while puppet was running: the outcome is unknown, the
 *        runner did not repeat the run (outcome {@link RunOutcome#FAILED}, no exit code), the requester may ask again.
 *        Absent from runners before it was added: they only said so with {@link #INTERRUPTED_REASON_PREFIX}.
 * @param transactionUuid the accepted report's {@code transaction_uuid} (the run's receipt), null without one
 * @param catalogUuid the report's {@code catalog_uuid}: which catalog the server compiled for this run
 * @param codeId the report's {@code code_id} (the server's code version, when it has a code-id command), or null
 * @param correctiveChange the report's {@code corrective_change}: the run corrected drift from a previous catalog
 * @param agentState Puppet's own reason why the run applied nothing, or null (see {@link AgentState})
 * @param agentService the report's account of {@code Service[puppet]}, for enable-agent runs; null when no report
 *        was read
 */
public record PuppetRunCompleted(
        String requestId,
        String deploymentId,
        String runId,
        String stepId,
        String hostId,
        RunPurpose purpose,
        RunOutcome outcome,
        Integer exitCode,
        String reason,
        ResourceCounts resources,
        List<String> changedResources,
        List<String> failedResources,
        long durationMillis,
        String outputTail,
        int attempts,
        Boolean interrupted,
        String transactionUuid,
        String catalogUuid,
        String codeId,
        Boolean correctiveChange,
        AgentState agentState,
        AgentServiceReport agentService) implements StaypuftEvent {

    /** A completion without receipt fields (runners before receipts, and requests that never ran). */
    public PuppetRunCompleted(String requestId, String deploymentId, String runId, String stepId, String hostId,
            RunPurpose purpose, RunOutcome outcome, Integer exitCode, String reason, ResourceCounts resources,
            List<String> changedResources, List<String> failedResources, long durationMillis, String outputTail,
            int attempts, Boolean interrupted) {
        this(requestId, deploymentId, runId, stepId, hostId, purpose, outcome, exitCode, reason, resources,
                changedResources, failedResources, durationMillis, outputTail, attempts, interrupted, null, null,
                null, null, null, null);
    }

    /** A completion that says nothing about an interruption: every run the runner saw to its end. */
    public PuppetRunCompleted(String requestId, String deploymentId, String runId, String stepId, String hostId,
            RunPurpose purpose, RunOutcome outcome, Integer exitCode, String reason, ResourceCounts resources,
            List<String> changedResources, List<String> failedResources, long durationMillis, String outputTail,
            int attempts) {
        this(requestId, deploymentId, runId, stepId, hostId, purpose, outcome, exitCode, reason, resources,
                changedResources, failedResources, durationMillis, outputTail, attempts, null);
    }

    /**
     * The answer to a run the runner's stop interrupted: FAILED, no exit code, {@code interrupted} set, and the reason
     * still starting with {@link #INTERRUPTED_REASON_PREFIX} for consumers that only know the prefix.
     */
    public static PuppetRunCompleted interruptedRun(RequestPuppetRun request, String reason, int attempts) {
        return new PuppetRunCompleted(request.requestId(), request.deploymentId(), request.runId(),
                request.stepId(), request.hostId(), request.purpose(), RunOutcome.FAILED, null,
                INTERRUPTED_REASON_PREFIX + " " + reason, null, List.of(), List.of(), 0, null, Math.max(1, attempts),
                true);
    }

    /**
     * How {@link #reason} starts when the runner stopped (crashed) while puppet was running; kept for consumers, and
     * events, from before {@link #interrupted}.
     */
    public static final String INTERRUPTED_REASON_PREFIX = "interrupted:";

    /**
     * Whether {@code result} says the runner stopped while puppet was running: the typed field, or, in an event from
     * an older runner, the reason prefix.
     */
    public static boolean interruptedByRunnerStop(PuppetRunCompleted result) {
        if (result.interrupted() != null) {
            return result.interrupted();
        }
        return result.outcome() == RunOutcome.FAILED && result.exitCode() == null && result.reason() != null
                && result.reason().startsWith(INTERRUPTED_REASON_PREFIX);
    }

    @Override
    public String aggregateId() {
        return hostId;
    }
}
