package org.staypuft.runner.request;

/**
 * The request is no longer this replica's: another replica took it over after this one's lease ran out (or it was
 * completed meanwhile). Whatever this replica was about to do with it must not happen.
 */
public class RequestTakenOver extends RuntimeException {

    public RequestTakenOver(RequestKind kind, String requestId) {
        super(kind + " " + requestId + " is no longer this replica's (its lease ran out and another replica took it "
                + "over, or it completed)");
    }
}
