package org.staypuft.orchestrator.run.engine;

/** What a host does within its phase. */
public enum StepStatus {
    /** Queued: for a slot, for its role to start, or for the finish phase. */
    WAITING,
    /** A command is outstanding (or a built callback awaited); has a deadline. */
    RUNNING,
    SUCCEEDED,
    FAILED,
    SKIPPED
}
