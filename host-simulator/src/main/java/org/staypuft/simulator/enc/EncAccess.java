package org.staypuft.simulator.enc;

import java.net.URI;
import java.util.Objects;

/**
 * Where the registry's ENC listens (its own port, {@code staypuft.registry.enc.port}) and the shared secret that the
 * puppet server's {@code staypuft-enc} sends it, which the simulator, playing the server's part, sends too.
 *
 * @param url the ENC's base URL, e.g. {@code http://localhost:8089}
 * @param secret the registry's {@code staypuft.registry.enc.secret-file} content
 */
public record EncAccess(URI url, String secret) {

    public EncAccess {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        // Never the secret: this ends up in logs and assertion messages.
        return "EncAccess[url=" + url + "]";
    }
}
