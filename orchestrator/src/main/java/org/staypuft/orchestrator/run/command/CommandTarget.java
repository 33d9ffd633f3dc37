package org.staypuft.orchestrator.run.command;

/**
 * The host step a command is sent for, as the command names it.
 *
 * @param attempt the step's attempt: 1, then one more per retry of the failed host
 */
public record CommandTarget(String deploymentId, String runId, long hostStepId, String hostId, int attempt) {

    /** Run, host, what and which attempt: unique per attempt of a step, readable in the runner's logs. */
    public String stepKey(String label) {
        return runId + "/" + hostId + "/" + label + "/" + attempt;
    }
}
