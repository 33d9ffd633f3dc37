package org.staypuft.runner.puppet;

import java.util.List;

import org.staypuft.events.puppet.ResourceCounts;
import org.staypuft.events.puppet.RunOutcome;

/** What one attempt at a puppet run came to: an outcome, or a reason to try again later. */
public sealed interface AttemptResult {

    /**
     * @param durationMillis from connecting to having read the report
     */
    record Finished(RunOutcome outcome, Integer exitCode, String reason, ResourceCounts resources,
            List<String> changedResources, List<String> failedResources, long durationMillis, String outputTail)
            implements
                AttemptResult {

        public static Finished failure(RunOutcome outcome, String reason, long durationMillis, String outputTail) {
            return new Finished(outcome, null, reason, null, List.of(), List.of(), durationMillis, outputTail);
        }
    }

    /** Nothing ran on the host (it was unreachable, or another run held the agent's lock). */
    record Retry(Cause cause, String reason, long durationMillis, String outputTail) implements AttemptResult {
    }

    enum Cause {
        UNREACHABLE,
        RUN_IN_PROGRESS
    }
}
