package org.staypuft.runner.puppet;

import java.util.List;

import org.staypuft.events.puppet.AgentState;
import org.staypuft.events.puppet.ResourceCounts;
import org.staypuft.events.puppet.RunOutcome;

/** What one attempt at a puppet run came to: an outcome, or a reason to try again later. */
public sealed interface AttemptResult {

    /**
     * @param durationMillis from connecting to having read the report
     * @param receipt the accepted report's receipt fields, or null
     * @param agentState Puppet's own reason for applying nothing, or null
     */
    record Finished(RunOutcome outcome, Integer exitCode, String reason, ResourceCounts resources,
            List<String> changedResources, List<String> failedResources, long durationMillis, String outputTail,
            PuppetReports.Receipt receipt, AgentState agentState)
            implements
                AttemptResult {

        public Finished(RunOutcome outcome, Integer exitCode, String reason, ResourceCounts resources,
                List<String> changedResources, List<String> failedResources, long durationMillis,
                String outputTail) {
            this(outcome, exitCode, reason, resources, changedResources, failedResources, durationMillis, outputTail,
                    null, null);
        }

        public static Finished failure(RunOutcome outcome, String reason, long durationMillis, String outputTail) {
            return new Finished(outcome, null, reason, null, List.of(), List.of(), durationMillis, outputTail);
        }

        /** A run Puppet itself declined or could not do: FAILED, with Puppet's reason. */
        public static Finished agent(AgentState state, Integer exitCode, String reason, long durationMillis,
                String outputTail) {
            return new Finished(RunOutcome.FAILED, exitCode, reason, null, List.of(), List.of(), durationMillis,
                    outputTail, null, state);
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
