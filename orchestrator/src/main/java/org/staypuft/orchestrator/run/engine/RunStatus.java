package org.staypuft.orchestrator.run.engine;

/** Where a run stands. RUNNING, PAUSED and CANCELLING are active: the deployment cannot change meanwhile. */
public enum RunStatus {

    RUNNING,
    /**
     * A host waited for a part of Staypuft longer than {@code staypuft.orchestrator.wait-limit} (issue 11): no new
     * host starts, steps under way go on (their waits, re-sends, next runs), nothing is failed for the wait. An
     * operator resumes it (RUNNING again); it may still end by itself when nothing is left to start.
     */
    PAUSED,
    /** Cancelled while requests were outstanding: nothing new starts; ends CANCELLED when they answered. */
    CANCELLING,
    COMPLETED,
    /** Ended with failed hosts or roles; agents of its hosts stay disabled. Retry-failed or skip resume it. */
    FAILED,
    CANCELLED;

    public boolean active() {
        return this == RUNNING || this == PAUSED || this == CANCELLING;
    }

    /** Steps under way go on to their next run and keep waiting for parts; a cancelling run stops them instead. */
    public boolean stepsGoOn() {
        return this == RUNNING || this == PAUSED;
    }
}
