package org.staypuft.listener.request;

/**
 * A request we refuse because of what the client sent. Carries everything the answer needs: status, the field at
 * fault, a message, and a short reason for the metrics.
 */
public class RefusedException extends RuntimeException {

    private final int status;
    private final String field;
    private final String reason;

    public RefusedException(int status, String field, String reason, String message) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
        this.reason = reason;
    }

    /** 400: the content is unusable; {@code reason} is a short metric tag like {@code invalid-mac}. */
    public static RefusedException badRequest(String field, String reason, String message) {
        return new RefusedException(400, field, reason, message);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
