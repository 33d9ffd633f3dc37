package org.staypuft.kit.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.staypuft.kit.problem.ProblemBody;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a request whose path holds a dot segment (issue 12, path tricks): {@code .} or {@code ..}, plain or
 * percent-encoded ({@code %2E%2E}), also before a {@code ;} ({@code ..;}) or next to an encoded separator
 * ({@code %2e%2e%2f}, {@code ..%5C}). Vert.x would decode {@code %2E} and remove dot segments before routing, so such a
 * request would land on another route than it names; no client of ours sends one (browsers, curl and the CLI resolve
 * them first), so it is answered 400 with the problem body, field {@code path}, before routing and authentication, and
 * nothing runs. Every service gets it from the kit.
 */
@ApplicationScoped
public class DotSegments {

    /** Before every route: the filters of higher priority run first. */
    static final int PRIORITY = 10_000;

    private static final String ANSWER = answer();

    void register(@Observes Filters filters) {
        filters.register(DotSegments::check, PRIORITY);
    }

    private static void check(RoutingContext context) {
        // The raw path, as sent: neither decoded nor normalised.
        if (!hasDotSegment(context.request().path())) {
            context.next();
            return;
        }
        context.response().setStatusCode(400).putHeader("Content-Type", ProblemBody.MEDIA_TYPE).end(ANSWER);
    }

    /** Whether a raw request path holds a segment that is, or decodes to, {@code .} or {@code ..}. */
    static boolean hasDotSegment(String rawPath) {
        if (rawPath == null || rawPath.indexOf('.') < 0 && rawPath.indexOf('%') < 0) {
            return false;
        }
        for (String segment : decode(rawPath).split("[/\\\\]", -1)) {
            int parameters = segment.indexOf(';');
            String name = parameters < 0 ? segment : segment.substring(0, parameters);
            if (name.equals(".") || name.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** Percent-decodes to ISO-8859-1 characters (only ASCII matters here); a malformed escape stays as it is. */
    private static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        StringBuilder decoded = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && Character.digit(raw.charAt(i + 1), 16) >= 0
                    && Character.digit(raw.charAt(i + 2), 16) >= 0) {
                decoded.append((char) Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                decoded.append(c);
            }
        }
        return decoded.toString();
    }

    private static String answer() {
        try {
            return new ObjectMapper().writeValueAsString(ProblemBody.of(400, "path", "the path holds a dot segment "
                    + "(. or .., plain or percent-encoded): name the resource itself"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
