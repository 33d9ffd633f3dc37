package org.staypuft.registry.keys;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.staypuft.kit.proxykey.ProxyKeyUnavailableException;
import org.staypuft.kit.proxykey.ProxyPublicKeys;
import org.staypuft.registry.config.RegistryConfig;

/**
 * The puppet-runner's SSH public key, which provisioned hosts put into {@code authorized_keys} and the node
 * classifier hands to Puppet; looked up each time (the kit's {@link ProxyPublicKeys}).
 */
@ApplicationScoped
public class ProxyPublicKey {

    static final String LITERAL_PROPERTY = "staypuft.registry.proxy-public-key";

    @Inject
    RegistryConfig config;

    /**
     * @return the validated {@code authorized_keys} line; empty when no key is configured and the key file does not
     *         exist (yet)
     * @throws ProxyKeyUnavailableException when the configured key or the file's content is not a valid line
     */
    public Optional<String> current() {
        return ProxyPublicKeys.read(config, LITERAL_PROPERTY);
    }

    /** Like {@link #current()}, for where there is no use going on without the key. */
    public String require() {
        return current().orElseThrow(() -> new ProxyKeyUnavailableException("The proxy public key is not available: "
                + "neither " + LITERAL_PROPERTY + " is set nor does " + config.proxyPublicKeyFile()
                + " hold a key (the puppet-runner writes it at its first start)"));
    }
}
