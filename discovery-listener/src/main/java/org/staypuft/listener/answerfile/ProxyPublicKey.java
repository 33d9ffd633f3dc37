package org.staypuft.listener.answerfile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.staypuft.kit.proxykey.ProxyKeyUnavailableException;
import org.staypuft.kit.proxykey.ProxyPublicKeys;
import org.staypuft.listener.config.ListenerConfig;
import org.staypuft.listener.request.RefusedException;

/**
 * The puppet-runner's SSH public key, which the client installer puts into {@code authorized_keys}; looked up each
 * time an answer file is made (the kit's {@link ProxyPublicKeys}).
 */
@ApplicationScoped
public class ProxyPublicKey {

    static final String LITERAL_PROPERTY = "staypuft.listener.proxy-public-key";
    static final String FILE_PROPERTY = "staypuft.listener.proxy-public-key-file";

    @Inject
    ListenerConfig config;

    /**
     * @return the key as a validated {@code authorized_keys} line
     * @throws RefusedException 503 when there is no key (yet) or it is not a valid line: an answer file without
     *         it would be refused by every host
     */
    public String require() {
        try {
            return ProxyPublicKeys.read(config, LITERAL_PROPERTY).orElseThrow(() -> unavailable(
                    "The proxy public key is not available: neither " + LITERAL_PROPERTY + " is set nor does "
                            + config.proxyPublicKeyFile() + " (" + FILE_PROPERTY + ") hold a key; the puppet-runner "
                            + "writes it at its first start"));
        } catch (ProxyKeyUnavailableException e) {
            throw unavailable(e.getMessage() + " (" + FILE_PROPERTY + ")");
        }
    }

    private static RefusedException unavailable(String message) {
        return new RefusedException(503, null, "proxy-key-unavailable", message);
    }
}
