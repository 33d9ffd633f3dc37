package org.staypuft.listener.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.staypuft.kit.proxykey.ProxyPublicKeySettings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the discovery listener ({@code staypuft.listener.*}). */
@ConfigMapping(prefix = "staypuft.listener")
public interface ListenerConfig extends ProxyPublicKeySettings {

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

    /**
     * This listener as the hosts to register reach it, e.g. {@code https://staypuft.example.com:8081}; answer files
     * say {@code registration_url=<public-url>/api/v1/registrations}. Unset: the URL the operator's request came in
     * on, which is right when operators and hosts use the same address (the local stack).
     */
    Optional<String> publicUrl();

    /** The puppet server that answer files point the agents at: a host name, optionally with {@code :port}. */
    @WithDefault("puppet")
    String puppetServer();

    /** The user whose {@code authorized_keys} gets the proxy's key on registered hosts (answer files' default). */
    @WithDefault("root")
    String sshUser();

    /** Limits on the unauthenticated facts intake (issue 12 finding 7). */
    Intake intake();

    interface Intake {

        /** Facts uploads one source address may make per minute, on average (a token bucket refilled evenly). */
        @WithDefault("60")
        int uploadsPerMinute();

        /** Uploads one source address may make at once before the rate applies (the bucket's size). */
        @WithDefault("30")
        int burst();

        /**
         * The most free discovered hosts the listener keeps (neither assigned to a deployment nor built): an upload
         * for a new MAC beyond it is refused (429), known hosts still update. Registered hosts do not count.
         */
        @WithDefault("10000")
        int maxDiscoveredHosts();
    }

    interface Tokens {

        /** Lifetime of a registration token when its creator does not say (ISO-8601). */
        @WithDefault("P1D")
        Duration defaultTtl();

        /** The longest lifetime an operator may give a registration token. */
        @WithDefault("P30D")
        Duration maxTtl();
    }
}
