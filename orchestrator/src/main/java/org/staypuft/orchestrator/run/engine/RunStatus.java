package org.staypuft.orchestrator.run.engine;

/** Where a run stands. RUNNING and CANCELLING are active: the deployment cannot change meanwhile. */
public enum RunStatus {

    RUNNING,
    /** Cancelled while requests were outstanding: nothing new starts; ends CANCELLED when they answered. */
    CANCELLING,
    COMPLETED,
    /** Ended with failed hosts or roles; agents of its hosts stay disabled. Retry-failed or skip resume it. */
    FAILED,
    CANCELLED;

    public boolean active() {
        return this == RUNNING || this == CANCELLING;
    }
}
