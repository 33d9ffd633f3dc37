package org.staypuft.registry.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.staypuft.kit.proxykey.ProxyPublicKeySettings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the host registry. */
@ConfigMapping(prefix = "staypuft.registry")
public interface RegistryConfig extends ProxyPublicKeySettings {

    Api api();

    /**
     * The puppet server the provisioned agent is pointed at ({@code server} in its puppet.conf): a host name,
     * optionally with {@code :port}. Default {@code puppet}, Puppet's own default name.
     */
    @WithDefault("puppet")
    String puppetServer();

    /** The user whose {@code authorized_keys} gets the proxy's key on provisioned hosts. */
    @WithDefault("root")
    String sshUser();

    BuildToken buildToken();

    DiscoveryProxy discoveryProxy();

    Templates templates();

    Unattended unattended();

    Enc enc();

    interface Api {

        /** Hosts per page when the client asks for no size. */
        @WithDefault("50")
        int defaultPageSize();

        /** The largest page a client may ask for; a bigger one gets a 400 naming this limit. */
        @WithDefault("500")
        int maxPageSize();
    }

    interface BuildToken {

        /**
         * How long a build token stays valid after provisioning was requested. Longer than an installation may take
         * (the original waited 7200 s for the built callback).
         */
        @WithDefault("PT4H")
        Duration validity();
    }

    interface DiscoveryProxy {

        /**
         * Base URL of the smart proxy inside a discovered host's discovery image; {@code {address}} becomes the
         * host's IPv4 address, or its IPv6 address in brackets.
         */
        @WithDefault("https://{address}:8443")
        String urlTemplate();

        /** How long the runner waits for the proxy to answer the reboot request. */
        @WithDefault("PT60S")
        Duration timeout();

        Kexec kexec();
    }

    /**
     * Boot the installer by kexec instead of a firmware reboot (PXE-less sites), when {@link #kernel()} is set.
     * {@code {kickstartUrl}}, {@code {userDataUrl}} and {@code {token}} in {@link #append()} and {@link #extra()}
     * become the host's template URLs with its fresh build token: the installer has no other way to learn it.
     */
    interface Kexec {

        /** URL of the installer kernel; unset means a plain reboot ({@code PUT /power/reboot}). */
        Optional<String> kernel();

        /** URL of the installer initramfs; required with {@link #kernel()}. */
        Optional<String> initram();

        /** Kernel command line. */
        @WithDefault("inst.ks={kickstartUrl}")
        String append();

        /** Further kexec arguments of the discovery image's proxy. */
        Optional<List<String>> extra();
    }

    interface Templates {

        /**
         * A directory of operator templates: a file named like a shipped template ({@code kickstart.ks},
         * {@code user-data.yaml}, {@code finish.sh}) is used instead of it, read at each request.
         */
        Optional<Path> directory();
    }

    interface Unattended {

        /**
         * The registry's URL as installed hosts reach it, e.g. {@code http://staypuft.example.com:8082}; the
         * callback and template URLs are built on it. When unset, templates use the URL the installer fetched them
         * from; kexec URLs cannot be made without it.
         */
        Optional<String> baseUrl();
    }

    /**
     * Puppet's External Node Classifier. It has its own port, so that a network policy can open it to the puppet
     * server alone while the hosts reach the main port's {@code /unattended/*}; and it answers only requests that
     * carry the shared secret the puppet server's {@code staypuft-enc} reads from its own copy of the file.
     */
    interface Enc {

        /** The ENC's port; 0 picks a free one (tests). */
        @WithDefault("8089")
        int port();

        /** The address the ENC listens on; by default the one the main HTTP server uses. */
        @WithDefault("${quarkus.http.host:0.0.0.0}")
        String host();

        /**
         * A file holding the shared secret (one line, 32 to 256 characters of {@code A-Z a-z 0-9 . _ ~ + / = -}),
         * read at each request so that it can be rotated. Without it, or with an unreadable or invalid one, every
         * classification is refused with 503: the ENC never answers without a credential.
         */
        Optional<Path> secretFile();
    }
}
