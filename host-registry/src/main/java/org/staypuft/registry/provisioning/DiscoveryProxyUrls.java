package org.staypuft.registry.provisioning;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.staypuft.registry.config.RegistryConfig;
import org.staypuft.registry.config.SafeValues;
import org.staypuft.registry.inventory.Host;

/** Where the smart proxy of a host's discovery image listens, from the configured template and the host's address. */
@ApplicationScoped
public class DiscoveryProxyUrls {

    static final String ADDRESS = "{address}";

    @Inject
    RegistryConfig config;

    /**
     * @throws IllegalArgumentException when the host has no usable address (the facts are the host's word, so they
     *         are checked before they become part of a URL)
     */
    public String of(Host host) {
        String address;
        if (SafeValues.isIpv4(host.getIpv4())) {
            address = host.getIpv4();
        } else if (SafeValues.isIpv6(host.getIpv6())) {
            address = "[" + host.getIpv6() + "]";
        } else {
            throw new IllegalArgumentException("host " + host.getId() + " has no valid IPv4 or IPv6 address (ipv4 "
                    + host.getIpv4() + ", ipv6 " + host.getIpv6() + ") to reach its discovery image's proxy by");
        }
        return SafeValues.baseUrl(config.discoveryProxy().urlTemplate().replace(ADDRESS, address));
    }
}
