package org.staypuft.registry.api;

import java.util.List;

/** A request parameter with a value the API does not accept; answered with 400. */
class InvalidParameterException extends RuntimeException {

    private final String parameter;
    private final List<String> allowed;

    InvalidParameterException(String parameter, String message, List<String> allowed) {
        super(message);
        this.parameter = parameter;
        this.allowed = allowed;
    }

    ApiError toError() {
        return new ApiError(400, getMessage(), parameter, allowed);
    }
}
