package org.staypuft.orchestrator.run.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.staypuft.kit.problem.FieldError;
import org.staypuft.kit.problem.ProblemException;
import org.staypuft.orchestrator.config.OrchestratorConfig;
import org.staypuft.orchestrator.run.engine.StepStatus;

/**
 * The query of {@code GET /api/v1/runs/{runId}/hosts}, checked: a bad value is a 400 naming the parameter and what it
 * accepts. The role is checked against the run's roles later, by whoever knows them.
 *
 * @param role the role's hosts only; empty: every role
 * @param status hosts in this status only; empty: any
 * @param page from 0
 * @param size 1 to {@code staypuft.orchestrator.api.max-page-size}
 */
public record HostStepQuery(Optional<String> role, Optional<StepStatus> status, int page, int size) {

    public static HostStepQuery parse(String role, String status, String page, String size,
            OrchestratorConfig.Api limits) {
        List<FieldError> problems = new ArrayList<>();
        Optional<StepStatus> parsedStatus = status(status, problems);
        int parsedPage = number("page", page, 0, 0, Integer.MAX_VALUE, problems);
        int parsedSize = number("size", size, limits.defaultPageSize(), 1, limits.maxPageSize(), problems);
        if (!problems.isEmpty()) {
            throw new ProblemException(400, "Invalid query", problems);
        }
        return new HostStepQuery(blankToEmpty(role), parsedStatus, parsedPage, parsedSize);
    }

    private static Optional<StepStatus> status(String value, List<FieldError> problems) {
        if (blankToEmpty(value).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(StepStatus.valueOf(value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldError("status", "must be one of " + String.join(", ",
                    Arrays.stream(StepStatus.values()).map(Enum::name).toList()) + ", got '" + value + "'"));
            return Optional.empty();
        }
    }

    private static int number(String parameter, String value, int defaultValue, int min, int max,
            List<FieldError> problems) {
        if (blankToEmpty(value).isEmpty()) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, like a number out of range
        }
        problems.add(new FieldError(parameter, (max == Integer.MAX_VALUE
                ? "must be a whole number from " + min
                : "must be a whole number from " + min + " to " + max) + ", got '" + value + "'"));
        return defaultValue;
    }

    private static Optional<String> blankToEmpty(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
