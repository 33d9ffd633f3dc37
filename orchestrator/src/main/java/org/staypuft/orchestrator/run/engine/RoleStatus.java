package org.staypuft.orchestrator.run.engine;

/** A role within a run. */
public enum RoleStatus {

    /** Some role it depends on is not ready yet. */
    WAITING,
    /**
     * Its dependencies are ready but its policy needs an operator's approval: none of its hosts starts (not even
     * its prepare) until it is approved, or it fails when its approval timeout passes.
     */
    AWAITING_APPROVAL,
    /** Its hosts take their puppet runs. */
    RUNNING,
    /** Its hosts succeeded (within its failure tolerance); dependents may start. */
    READY,
    /** More hosts failed than it tolerates. */
    FAILED,
    /** A role it depends on (directly or not) failed; it will not start in this run unless that is retried. */
    BLOCKED,
    CANCELLED;

    /** Failed or blocked: none of its hosts starts anything new. */
    public boolean dead() {
        return this == FAILED || this == BLOCKED || this == CANCELLED;
    }
}
