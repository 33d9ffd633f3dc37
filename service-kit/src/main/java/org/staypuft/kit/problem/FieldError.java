package org.staypuft.kit.problem;

/**
 * One thing wrong with a request.
 *
 * @param field where: a JSON path into the body ({@code roles[2].dependsOn}), a path or query parameter, or a header
 * @param message what, in words an operator acts on
 */
public record FieldError(String field, String message) {
}
