package org.staypuft.orchestrator.problem;

import java.util.List;

/** A refused request: its HTTP status and every problem found. Thrown before anything changed. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem> problems;

    public ProblemException(int status, String title, List<Problem> problems) {
        super(title + ": " + problems);
        this.status = status;
        this.title = title;
        this.problems = List.copyOf(problems);
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(400, "Invalid request", List.of(new Problem(field, message)));
    }

    public static ProblemException notFound(String field, String message) {
        return new ProblemException(404, "Not found", List.of(new Problem(field, message)));
    }

    public static ProblemException conflict(String field, String message) {
        return new ProblemException(409, "Conflict", List.of(new Problem(field, message)));
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Problem> problems() {
        return problems;
    }
}
