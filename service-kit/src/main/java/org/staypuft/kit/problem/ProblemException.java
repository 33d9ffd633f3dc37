package org.staypuft.kit.problem;

import java.util.List;
import java.util.Map;

/**
 * A refused request: its status and every problem found, answered by the kit's mapper with a {@link ProblemBody}.
 * Thrown before anything changed. A service may subclass it to carry more (a metric reason, a header).
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldError> problems;

    public ProblemException(int status, String title, List<FieldError> problems) {
        super(title + ": " + problems, null, false, false);
        this.status = status;
        this.title = title == null ? ProblemBody.titleOf(status) : title;
        this.problems = List.copyOf(problems);
    }

    public ProblemException(int status, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.title = ProblemBody.titleOf(status);
        this.problems = List.of(new FieldError(field, message));
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(400, "Invalid request", List.of(new FieldError(field, message)));
    }

    public static ProblemException notFound(String field, String message) {
        return new ProblemException(404, "Not found", List.of(new FieldError(field, message)));
    }

    public static ProblemException conflict(String field, String message) {
        return new ProblemException(409, "Conflict", List.of(new FieldError(field, message)));
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> problems() {
        return problems;
    }

    /** The body this refusal is answered with. */
    public ProblemBody body() {
        boolean named = problems.stream().anyMatch(p -> p.field() != null);
        if (problems.size() == 1 && !named) {
            return new ProblemBody(ProblemBody.typeOf(status), title, status, problems.get(0).message(), null,
                    List.of(), List.of());
        }
        return ProblemBody.of(status, title, problems);
    }

    /** Extra headers of the answer ({@code WWW-Authenticate}, {@code Retry-After}); none by default. */
    public Map<String, String> headers() {
        return Map.of();
    }
}
