package org.staypuft.kit.secrets;

/** A secret parameter cannot be sealed or unsealed: no key, an unreadable key, or a value sealed with another key. */
public class SealedValueException extends RuntimeException {

    public SealedValueException(String message) {
        super(message);
    }
}
