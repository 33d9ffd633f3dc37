package org.staypuft.orchestrator.api;

import java.util.List;

import org.staypuft.orchestrator.problem.Problem;

/** The JSON body of every error answer: {@code {"status":400,"title":"...","errors":[{"field","message"}]}}. */
public record ErrorBody(int status, String title, List<Problem> errors) {
}
