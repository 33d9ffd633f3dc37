package org.staypuft.registry.provisioning;

/** The built callback's body is not what the contract asks for; {@link #field()} names what is wrong. */
public class InvalidCallbackException extends RuntimeException {

    private final String field;

    InvalidCallbackException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
