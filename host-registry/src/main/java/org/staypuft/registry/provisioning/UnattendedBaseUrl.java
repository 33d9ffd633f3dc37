package org.staypuft.registry.provisioning;

import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.staypuft.registry.config.RegistryConfig;
import org.staypuft.registry.config.SafeValues;

/** The registry's URL as hosts being installed reach it. */
@ApplicationScoped
public class UnattendedBaseUrl {

    @Inject
    RegistryConfig config;

    /** From {@code staypuft.registry.unattended.base-url}, when set. */
    public Optional<UnattendedUrls> configured() {
        return config.unattended().baseUrl().map(SafeValues::baseUrl).map(UnattendedUrls::new);
    }

    /** The configured URL, else the one the installer used to reach us: it can reach us the same way again. */
    public UnattendedUrls orRequested(URI requestBaseUri) {
        return configured().orElseGet(() -> new UnattendedUrls(SafeValues.baseUrl(requestBaseUri.toString())));
    }
}
