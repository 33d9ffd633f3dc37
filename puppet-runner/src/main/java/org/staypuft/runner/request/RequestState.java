package org.staypuft.runner.request;

/**
 * Where a request is. The line that matters after a crash is between QUEUED and RUNNING: a QUEUED request has not
 * touched the host (or only to find it unreachable or busy), so it may run again; a RUNNING one may have.
 */
public enum RequestState {
    /** Received, waiting for its host or for a session, or backing off before another attempt. */
    QUEUED,
    /** The command was sent to the host (puppet started, the power call made). */
    RUNNING,
    /** The completed event is written; redeliveries re-publish it. */
    COMPLETED
}
