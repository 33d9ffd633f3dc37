package org.staypuft.kit.rest;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.staypuft.kit.problem.FieldError;
import org.staypuft.kit.problem.ProblemBody;
import org.staypuft.kit.problem.ProblemException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The one place every service's refusals become answers: RFC 9457 {@code application/problem+json}
 * ({@link ProblemBody}) with the field at fault. A service throws {@link ProblemException} (or a subclass); unreadable
 * JSON (malformed, invalid UTF-8, wrong types, out-of-range or fractional numbers, unknown properties, control
 * characters) is answered 400 naming the field; the REST layer's own refusals (404, 405, 415, ...) get the same body;
 * anything else is a 500 with a reference to the log, never a stack trace. Security's refusals (no or an invalid
 * credential: 401 with the authentication mechanism's challenge, {@code WWW-Authenticate: Bearer}; a role that may not:
 * 403) get the same body; they reach these mappers because every service authenticates lazily
 * ({@code quarkus.http.auth.proactive=false}): proactive authentication refuses in the HTTP layer, before JAX-RS.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    public static final String BODY = "body";

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response.ResponseBuilder answer = answer(e.body());
        e.headers().forEach(answer::header);
        return answer.build();
    }

    // Named one by one: Quarkus maps some Jackson exceptions itself, and the closest type wins.
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response unknownProperty(UnrecognizedPropertyException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response instantiation(ValueInstantiationException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response unparsable(StreamReadException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String field = fieldOf(e);
        return answer(ProblemBody.of(400, "Unreadable request body",
                List.of(new FieldError(field, messageOf(e, field))))).build();
    }

    /** An invalid credential (garbage, a foreign signature, tampered, {@code alg: none}, another audience): 401. */
    @ServerExceptionMapper(priority = Priorities.AUTHENTICATION)
    public Uni<Response> authenticationFailed(RoutingContext context, AuthenticationFailedException e) {
        return unauthenticated(context, "the credential is not valid for this service");
    }

    /** No credential where an operation needs one: 401. */
    @ServerExceptionMapper(priority = Priorities.AUTHENTICATION)
    public Uni<Response> unauthorized(RoutingContext context, UnauthorizedException e) {
        return unauthenticated(context, "this operation needs a bearer token");
    }

    /** Authenticated, but the role may not: 403. */
    @ServerExceptionMapper(priority = Priorities.AUTHENTICATION)
    public Response forbidden(ForbiddenException e) {
        return answer(ProblemBody.of(403, null, "the token's roles do not allow this operation")).build();
    }

    /** 401 with the challenge of the service's authentication mechanism ({@code WWW-Authenticate: Bearer}). */
    private static Uni<Response> unauthenticated(RoutingContext context, String detail) {
        HttpAuthenticator authenticator = context == null ? null : context.get(HttpAuthenticator.class.getName());
        Uni<ChallengeData> challenge = authenticator == null
                ? Uni.createFrom().nullItem()
                : authenticator.getChallenge(context).onFailure().recoverWithNull();
        return challenge.map(data -> {
            Response.ResponseBuilder answer = answer(ProblemBody.of(401, null, detail));
            if (data != null && !data.getHeaders().isEmpty()) {
                data.getHeaders().forEach((name, value) -> answer.header(name.toString(), value));
            } else {
                answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            }
            return answer.build();
        });
    }

    /** The REST layer's own refusals (404, 405, 406, 415, ...) in the same body. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        Throwable cause = e.getCause();
        if (status == 400 && cause instanceof JsonProcessingException json) {
            return unreadable(json);
        }
        String message = e.getMessage();
        if (message == null || message.isBlank() || message.startsWith("HTTP ")) {
            message = ProblemBody.titleOf(status);
        }
        Response.ResponseBuilder answer = answer(ProblemBody.of(status, null, shorten(message)));
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> answer.header(name, value));
            }
        });
        return answer.build();
    }

    /** Anything else is our fault: logged with a reference the client can quote, no stack trace sent. */
    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error, reference %s", reference);
        return answer(ProblemBody.of(500, null, "internal error, reference " + reference)).build();
    }

    /** A response builder with the problem body and its media type. */
    public static Response.ResponseBuilder answer(ProblemBody body) {
        return Response.status(body.status()).type(ProblemBody.MEDIA_TYPE).entity(body);
    }

    /** The JSON path of the field a Jackson failure is about, {@code body} for the body as a whole. */
    public static String fieldOf(JsonProcessingException e) {
        if (e instanceof StreamReadException && !(e instanceof JsonMappingException)
                && !(e instanceof InputCoercionException)
                && !String.valueOf(e.getOriginalMessage()).contains("UTF-8")) {
            return BODY;
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String path = mapping.getPath().stream().map(ref -> ref.getFieldName() != null
                    ? "." + ref.getFieldName()
                    : "[" + ref.getIndex() + "]").collect(Collectors.joining()).replaceFirst("^\\.", "");
            if (!path.isEmpty()) {
                return path;
            }
        }
        Object processor = e.getProcessor();
        JsonStreamContext context = processor instanceof JsonParser parser
                ? parser.getParsingContext()
                : processor instanceof JsonGenerator generator ? generator.getOutputContext() : null;
        String path = pathOf(context);
        return path.isEmpty() ? BODY : path;
    }

    private static String pathOf(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inObject()) {
                if (at.getCurrentName() != null) {
                    parts.addFirst("." + at.getCurrentName());
                }
            } else if (at.inArray()) {
                parts.addFirst("[" + Math.max(0, at.getCurrentIndex()) + "]");
            }
        }
        return String.join("", parts).replaceFirst("^\\.", "");
    }

    private static String messageOf(JsonProcessingException e, String field) {
        String subject = BODY.equals(field) ? "the body" : field;
        if (e instanceof UnrecognizedPropertyException unknown) {
            List<String> known = unknown.getKnownPropertyIds() == null
                    ? List.of()
                    : unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            return "unknown property '" + shorten(unknown.getPropertyName()) + "'"
                    + (known.isEmpty() ? "" : "; known: " + String.join(", ", known));
        }
        if (e instanceof InputCoercionException coercion) {
            return subject + ": the number is out of range for " + simpleName(coercion.getTargetType());
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() == String.class) {
            return subject + " must not contain NUL or control characters (" + shorten(e.getOriginalMessage())
                    + " found)";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return subject + ": expected " + describe(mismatch.getTargetType()) + " ("
                    + shorten(e.getOriginalMessage()) + ")";
        }
        if (e instanceof StreamReadException && !(e instanceof JsonMappingException)) {
            JsonLocation at = e.getLocation();
            return "malformed JSON" + (at == null || at.getLineNr() < 1
                    ? ""
                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + (BODY.equals(field) ? "" : " (in " + field + ")") + ": " + shorten(e.getOriginalMessage());
        }
        return subject + ": " + shorten(e.getOriginalMessage());
    }

    private static String describe(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        return "a " + simpleName(type).toLowerCase(Locale.ROOT);
    }

    private static String simpleName(Class<?> type) {
        return type == null ? "the field" : type.getSimpleName();
    }

    /** Jackson messages may quote the offending input; keep the answer short and on one line. */
    private static String shorten(String message) {
        if (message == null) {
            return "unexpected content";
        }
        String oneLine = message.replaceAll("\\p{Cntrl}", "?").replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }
}
