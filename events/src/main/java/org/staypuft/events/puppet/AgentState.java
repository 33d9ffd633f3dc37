package org.staypuft.events.puppet;

/**
 * Puppet's own reasons for a run that did not apply a catalog, told apart from the output of a real agent. Each
 * comes with outcome {@link RunOutcome#FAILED} (consumers that only know the outcome still see a failure) and a
 * reason; only {@link #RUN_IN_PROGRESS} is retried by the runner.
 */
public enum AgentState {

    /** Another run held the agent's lock ("already in progress") until the runner gave up retrying. */
    RUN_IN_PROGRESS,
    /** An operator ran {@code puppet agent --disable "message"}: not retried, the message is in the reason. */
    AGENT_DISABLED,
    /** The agent has no signed certificate yet (the server's CA has not signed its request). */
    CERTIFICATE_NOT_SIGNED,
    /** The agent could not reach the puppet server. */
    SERVER_UNREACHABLE,
    /**
     * The agent wrote a report, but not one Staypuft can accept as this run's receipt: another job id, a cached
     * catalog, a transaction that did not complete, or older than the request.
     */
    NO_RECEIPT
}
