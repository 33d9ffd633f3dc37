package org.staypuft.registry.inventory;

import java.util.Locale;

/**
 * Where a host's SSH host keys came from. The discovery image uploads its facts without authentication, so its keys
 * are only believed until an authenticated source (the build callback's token, the registration token) has spoken.
 */
public enum SshHostKeySource {

    /** Facts of the discovery image; replaced by any later facts while the host was never built or registered. */
    DISCOVERY_IMAGE,
    /** The installed system's keys, sent with the one-time build token. */
    BUILD_CALLBACK,
    /** The keys the client installer sent with its registration token. */
    REGISTRATION,
    /** The keys of a refused claim an operator accepted (host.identity-changed). */
    OPERATOR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Facts from an unauthenticated upload may replace only keys that came the same way. */
    boolean replaceableByFacts() {
        return this == DISCOVERY_IMAGE;
    }
}
