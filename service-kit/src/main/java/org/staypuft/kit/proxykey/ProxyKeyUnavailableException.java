package org.staypuft.kit.proxykey;

/** The proxy's public key is not there (yet), or what is there is not a valid {@code authorized_keys} line. */
public class ProxyKeyUnavailableException extends RuntimeException {

    public ProxyKeyUnavailableException(String message) {
        super(message);
    }
}
