package org.staypuft.listener.request;

import java.util.Map;

import org.staypuft.kit.problem.ProblemException;

/**
 * A request we refuse because of what the client sent: the kit's {@link ProblemException} (answered with the one
 * error body, naming the field) plus a short reason for the metrics.
 */
public class RefusedException extends ProblemException {

    private final String field;
    private final String reason;

    public RefusedException(int status, String field, String reason, String message) {
        super(status, field, message);
        this.field = field;
        this.reason = reason;
    }

    /** 400: the content is unusable; {@code reason} is a short metric tag like {@code invalid-mac}. */
    public static RefusedException badRequest(String field, String reason, String message) {
        return new RefusedException(400, field, reason, message);
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }

    @Override
    public Map<String, String> headers() {
        // RFC 6750: tell the client which scheme we expect.
        return status() == 401 ? Map.of("WWW-Authenticate", "Bearer realm=\"staypuft-registration\"") : Map.of();
    }
}
