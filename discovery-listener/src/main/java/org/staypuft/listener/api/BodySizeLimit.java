package org.staypuft.listener.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.staypuft.events.EventCodec;
import org.staypuft.kit.problem.ProblemBody;
import org.staypuft.listener.metrics.IntakeMetrics;
import org.staypuft.listener.request.JsonBodies;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses bodies over {@code quarkus.http.limits.max-body-size} with a JSON 413 that says so. Quarkus' own checks
 * answer with an empty body and hang up while the client is still sending, which a client may see as a reset
 * rather than an answer (and a streamed body ends in an error log). Here the excess is read and dropped first, up
 * to a bound, so the uploader gets the 413 and its reason.
 * <p>
 * Bodies without a Content-Length (chunked) are read here up to the limit and handed to the REST layer, which
 * takes a body already read instead of reading the request again.
 */
@ApplicationScoped
public class BodySizeLimit {

    /** Before Quarkus' own check (order -2). */
    private static final int ORDER = -3;
    /** Beyond this much excess we stop being polite and hang up. */
    private static final long MAX_DRAINED = 16L * 1024 * 1024;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    @Inject
    IntakeMetrics metrics;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        long limit = maxBodySize.asLongValue();
        long declared = declaredLength(request);
        if (declared > limit) {
            refuse(context, answer("the body is larger than " + describe(limit) + ": " + declared + " bytes"),
                    declared > MAX_DRAINED || expectsContinue(request));
        } else if (declared < 0 && mayHaveBody(request.method())) {
            new StreamedBody(context, limit).read();
        } else {
            context.next();
        }
    }

    private void refuse(RoutingContext context, String answer, boolean hangUpNow) {
        metrics.refused(context.request().path(), "too-large");
        if (hangUpNow) {
            // The client waits for 100-continue, or would send far too much: answer now, it sends no more.
            respond(context, answer, true);
            return;
        }
        HttpServerRequest request = context.request();
        request.handler(ignoredChunk -> {
        });
        request.endHandler(ignored -> respond(context, answer, false));
        request.exceptionHandler(ignored -> context.response().close());
        request.resume();
    }

    /** A body without Content-Length: buffered up to the limit, refused beyond it. */
    private final class StreamedBody {

        private final RoutingContext context;
        private final long limit;
        private final Buffer body = Buffer.buffer();
        private long received;
        private boolean tooLarge;

        StreamedBody(RoutingContext context, long limit) {
            this.context = context;
            this.limit = limit;
        }

        void read() {
            HttpServerRequest request = context.request();
            request.handler(chunk -> {
                received += chunk.length();
                if (tooLarge) {
                    if (received > MAX_DRAINED) {
                        respond(context, tooLargeAnswer(), true);
                    }
                } else if (received > limit) {
                    tooLarge = true;
                    metrics.refused(request.path(), "too-large");
                } else {
                    body.appendBuffer(chunk);
                }
            });
            request.endHandler(ignored -> {
                if (tooLarge) {
                    respond(context, tooLargeAnswer(), false);
                } else {
                    context.setBody(body);
                    context.next();
                }
            });
            request.exceptionHandler(ignored -> context.response().close());
            request.resume();
        }

        private String tooLargeAnswer() {
            return answer("the body is larger than " + describe(limit) + ": more than " + limit + " bytes sent");
        }
    }

    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean expectsContinue(HttpServerRequest request) {
        return request.headers().contains(HttpHeaderNames.EXPECT, HttpHeaderValues.CONTINUE, true);
    }

    private static boolean mayHaveBody(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    }

    private static void respond(RoutingContext context, String body, boolean hangUp) {
        if (context.response().ended()) {
            return;
        }
        context.response().setStatusCode(413).putHeader(HttpHeaderNames.CONTENT_TYPE, ProblemBody.MEDIA_TYPE);
        if (hangUp) {
            context.response().putHeader(HttpHeaderNames.CONNECTION, "close");
            context.response().end(body).onComplete(ignored -> context.request().connection().close());
        } else {
            context.response().end(body);
        }
    }

    private static String answer(String message) {
        try {
            return EventCodec.mapper().writeValueAsString(ProblemBody.of(413, JsonBodies.BODY, message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(long bytes) {
        return bytes % (1024 * 1024) == 0
                ? bytes / (1024 * 1024) + " MiB (" + bytes + " bytes)"
                : bytes + " bytes";
    }
}
