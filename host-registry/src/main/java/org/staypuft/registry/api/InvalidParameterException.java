package org.staypuft.registry.api;

import java.util.List;

import org.staypuft.kit.problem.ProblemBody;
import org.staypuft.kit.problem.ProblemException;

/** A request parameter with a value the API does not accept; answered with 400 naming it and what it accepts. */
class InvalidParameterException extends ProblemException {

    private final List<String> allowed;

    InvalidParameterException(String parameter, String message, List<String> allowed) {
        super(400, parameter, message);
        this.allowed = allowed == null ? List.of() : allowed;
    }

    @Override
    public ProblemBody body() {
        return super.body().withAllowed(allowed);
    }
}
