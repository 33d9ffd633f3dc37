package org.staypuft.events;

/** A record that is not a valid event of the contract: a poison message for its consumer. */
public class UndecodableEventException extends RuntimeException {

    public UndecodableEventException(String message) {
        super(message);
    }

    public UndecodableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
