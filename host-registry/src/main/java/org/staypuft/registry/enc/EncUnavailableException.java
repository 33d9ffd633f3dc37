package org.staypuft.registry.enc;

/** The ENC cannot check credentials (no secret configured, or an unreadable one): it refuses every request. */
public class EncUnavailableException extends RuntimeException {

    public EncUnavailableException(String message) {
        super(message);
    }
}
