package org.staypuft.events.puppet;

/**
 * The outcome of a requested puppet run. The first two are successes; each other one comes with a reason.
 */
public enum RunOutcome {

    /** Exit 0 of {@code --detailed-exitcodes}: nothing changed. */
    UNCHANGED,
    /** Exit 2: resources changed, none failed. */
    CHANGED,
    /** Exit 4 or 6, or exit 1: the run failed or was not attempted. */
    FAILED,
    /** Connection refused, no route, DNS: retried with back-off up to a limit, then this. */
    UNREACHABLE,
    /** The host refused the proxy's key. */
    AUTH_FAILED,
    /** The host presented a key other than the expected one. Never retried. */
    HOST_KEY_MISMATCH,
    /** The run took longer than its timeout; the remote command was terminated. */
    TIMEOUT,
    /**
     * Nothing ran: the request reached the front of the runner's queue after its {@code notAfter}. Not the host's
     * doing; the requester asks again if it still wants the run.
     */
    EXPIRED;

    public boolean succeeded() {
        return this == UNCHANGED || this == CHANGED;
    }
}
