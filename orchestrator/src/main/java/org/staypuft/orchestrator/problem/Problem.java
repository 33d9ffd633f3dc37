package org.staypuft.orchestrator.problem;

/**
 * One thing wrong with a request.
 *
 * @param field where: a JSON path into the request ({@code roles[2].dependsOn}), or a path parameter
 * @param message what, in words an operator acts on
 */
public record Problem(String field, String message) {
}
