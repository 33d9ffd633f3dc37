package org.staypuft.registry.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.staypuft.kit.problem.FieldError;

/**
 * The error body's OpenAPI shape for the ENC endpoint, which is being reworked (issue 12 finding 2) and keeps its
 * annotations until then: the same members as the kit's {@link org.staypuft.kit.problem.ProblemBody}, which every
 * answer carries. Everything else documents {@code ProblemBody} directly; this goes with the ENC change.
 */
@Schema(name = "EncProblem", description = "RFC 9457 problem details (as Problem)")
public record ApiError(String type, String title, int status, String detail, String field, List<FieldError> errors) {
}
