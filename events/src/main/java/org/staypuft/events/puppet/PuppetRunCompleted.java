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
        int attempts) implements StaypuftEvent {

    /**
     * How {@link #reason} starts when the runner stopped (crashed) while puppet was running: the outcome is unknown,
     * the runner did not repeat the run (outcome {@link RunOutcome#FAILED}, no exit code), the requester may ask again.
     */
    public static final String INTERRUPTED_REASON_PREFIX = "interrupted:";

    /** Whether {@code result} says the runner stopped while puppet was running (see the prefix above). */
    public static boolean interruptedByRunnerStop(PuppetRunCompleted result) {
        return result.outcome() == RunOutcome.FAILED && result.exitCode() == null && result.reason() != null
                && result.reason().startsWith(INTERRUPTED_REASON_PREFIX);
    }

    @Override
    public String aggregateId() {
        return hostId;
    }
}
