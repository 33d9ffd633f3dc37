package org.staypuft.cli.http;

import java.util.ArrayList;
import java.util.List;

import org.staypuft.cli.Output;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the one error body of every service: RFC 9457 {@code application/problem+json}
 * ({@code {"type","title","status","detail","field","errors":[{"field","message"}],"allowed"}}, the service kit's
 * {@code ProblemBody}). Each of {@code errors} is a problem; without them {@code detail} (and {@code field}) is.
 */
public final class ErrorBodies {

    /** One thing the service said is wrong; {@code field} may be null. */
    public record Problem(String field, String message) {
    }

    /** What the service said: a title (may be null) and its problems (may be empty). */
    public record Refusal(String title, List<Problem> problems) {
    }

    private ErrorBodies() {
    }

    public static Refusal read(String body) {
        JsonNode json = parse(body);
        if (json == null || !json.isObject()) {
            return new Refusal(null, List.of());
        }
        String title = text(json, "title");
        List<Problem> problems = new ArrayList<>();
        for (JsonNode error : json.path("errors")) {
            problems.add(new Problem(text(error, "field"), text(error, "message")));
        }
        if (problems.isEmpty() && text(json, "detail") != null) {
            problems.add(new Problem(text(json, "field"), text(json, "detail")));
        }
        return new Refusal(title, problems);
    }

    /** The start of a body that is not an error document, for a message. */
    static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "(empty)";
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return Output.JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}
