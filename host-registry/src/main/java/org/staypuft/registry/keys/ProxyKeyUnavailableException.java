package org.staypuft.registry.keys;

/** The proxy's public key is missing or not a valid {@code authorized_keys} line: a matter for the operator. */
public class ProxyKeyUnavailableException extends RuntimeException {

    public ProxyKeyUnavailableException(String message) {
        super(message);
    }
}
