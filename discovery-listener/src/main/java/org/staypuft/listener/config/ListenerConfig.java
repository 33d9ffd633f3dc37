package org.staypuft.listener.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the discovery listener ({@code staypuft.listener.*}). */
@ConfigMapping(prefix = "staypuft.listener")
public interface ListenerConfig {

    /**
     * How many disks a host event lists at most; {@code diskCount} keeps the real number. A host with a thousand
     * LUNs must still fit in a small event.
     */
    @WithDefault("64")
    int maxDisksInEvent();

    /** How many network interfaces a host event lists at most (hypervisors report hundreds of vnet/tap devices). */
    @WithDefault("128")
    int maxInterfacesInEvent();

    /** Interfaces left out of host events: the loopback carries nothing a deployment can use. */
    @WithDefault("lo")
    List<String> ignoredInterfaces();

    Tokens tokens();

    interface Tokens {

        /** Lifetime of a registration token when its creator does not say (ISO-8601). */
        @WithDefault("P7D")
        Duration defaultTtl();

        /** The longest lifetime an operator may give a registration token. */
        @WithDefault("P365D")
        Duration maxTtl();
    }
}
