package org.staypuft.orchestrator.run.engine;

/** Where a host is in its run. */
public enum StepPhase {
    /** Provisioning (discovered) or the PREPARE puppet run in {@code discovery} (registered, or installed before). */
    PREPARE,
    /** The role's puppet runs in {@code production}. */
    DEPLOY,
    /** Runmode {@code service} and the checked run that re-enables the agent. */
    ENABLE_AGENT,
    DONE
}
