package org.staypuft.cli.watch;

/** Where a host counts on its role's progress bar. */
enum HostBucket {

    WAITING,
    RUNNING,
    DONE,
    SKIPPED,
    FAILED;

    /**
     * A host step's status and phase as a bucket: its role's work is done once it moved on to re-enabling the agent
     * (phase ENABLE_AGENT or DONE), even while that last step runs.
     */
    static HostBucket of(String status, String phase) {
        if ("FAILED".equals(status)) {
            return FAILED;
        }
        if ("SKIPPED".equals(status)) {
            return SKIPPED;
        }
        if ("SUCCEEDED".equals(status) || "ENABLE_AGENT".equals(phase) || "DONE".equals(phase)) {
            return DONE;
        }
        return "RUNNING".equals(status) ? RUNNING : WAITING;
    }
}
