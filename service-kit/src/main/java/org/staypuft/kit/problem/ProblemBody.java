package org.staypuft.kit.problem;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The one error body of every service: RFC 9457 {@code application/problem+json}. {@code type}, {@code title},
 * {@code status} and {@code detail} are the RFC's members; {@code field} names the request field at fault (the first
 * of {@code errors} when there are several), {@code errors} lists every problem found, {@code allowed} the values a
 * parameter accepts.
 */
@Schema(name = "Problem", description = "RFC 9457 problem details")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ProblemBody(
        @Schema(description = "a URI naming the kind of problem", example = "urn:staypuft:problem:invalid-request") String type,
        @Schema(description = "the kind of problem, for a human", example = "Invalid request") String title,
        int status,
        @Schema(description = "what is wrong, in words an operator acts on") String detail,
        @Schema(description = "the request field, parameter or header at fault", example = "description") String field,
        @Schema(description = "every problem found") List<FieldError> errors,
        @Schema(description = "the values the field accepts") List<String> allowed) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:staypuft:problem:";

    public ProblemBody {
        errors = errors == null ? List.of() : List.copyOf(errors);
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
    }

    /** A body for {@code status} with one problem (field may be null). */
    public static ProblemBody of(int status, String field, String detail) {
        return new ProblemBody(typeOf(status), titleOf(status), status, detail, field,
                field == null ? List.of() : List.of(new FieldError(field, detail)), List.of());
    }

    /** A body listing every problem; the first names {@code field} and {@code detail}. */
    public static ProblemBody of(int status, String title, List<FieldError> errors) {
        FieldError first = errors.isEmpty() ? null : errors.get(0);
        String detail = errors.isEmpty()
                ? title
                : errors.size() == 1
                        ? first.message()
                        : first.message() + " (and " + (errors.size() - 1) + " more)";
        return new ProblemBody(typeOf(status), title == null ? titleOf(status) : title, status, detail,
                first == null ? null : first.field(), errors, List.of());
    }

    public ProblemBody withAllowed(List<String> values) {
        return new ProblemBody(type, title, status, detail, field, errors, values);
    }

    public ProblemBody withTitle(String newTitle) {
        return new ProblemBody(type, newTitle, status, detail, field, errors, allowed);
    }

    /** The {@code type} URI for a status: {@code urn:staypuft:problem:invalid-request} and so on. */
    public static String typeOf(int status) {
        return TYPE_PREFIX + switch (status) {
            case 400 -> "invalid-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 413 -> "too-large";
            case 415 -> "unsupported-media-type";
            case 429 -> "too-many-requests";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal-error" : "http-" + status;
        };
    }

    public static String titleOf(int status) {
        return switch (status) {
            case 400 -> "Invalid request";
            case 401 -> "Unauthenticated";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 409 -> "Conflict";
            case 413 -> "Request too large";
            case 415 -> "Unsupported media type";
            case 429 -> "Too many requests";
            case 503 -> "Service unavailable";
            default -> status >= 500 ? "Internal error" : "HTTP " + status;
        };
    }
}
