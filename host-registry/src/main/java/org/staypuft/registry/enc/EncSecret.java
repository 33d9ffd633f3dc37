package org.staypuft.registry.enc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.staypuft.registry.config.RegistryConfig;

/**
 * The secret the puppet server proves itself with when it asks the ENC. Read from its file at each check, so that
 * an operator rotates it by rewriting the file on both sides; compared in constant time.
 */
@ApplicationScoped
public class EncSecret {

    /** What {@code staypuft-enc} can put in a header without quoting, long enough not to be guessed. */
    static final Pattern VALID = Pattern.compile("[A-Za-z0-9._~+/=-]{32,256}");
    static final String SETTING = "staypuft.registry.enc.secret-file";

    @Inject
    RegistryConfig config;

    /**
     * @param presented the bearer credential of the request, if any
     * @throws EncUnavailableException when this registry has no usable secret (nobody can be let in)
     */
    public boolean accepts(Optional<String> presented) {
        byte[] expected = current().getBytes(StandardCharsets.UTF_8);
        return presented.map(value -> MessageDigest.isEqual(expected, value.getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }

    private String current() {
        Path file = config.enc().secretFile().orElseThrow(() -> new EncUnavailableException(
                "the ENC has no shared secret: set " + SETTING));
        String secret;
        try {
            secret = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new EncUnavailableException("the ENC's shared secret cannot be read from " + file + " ("
                    + SETTING + "): " + e.getMessage());
        }
        if (!VALID.matcher(secret).matches()) {
            throw new EncUnavailableException("the ENC's shared secret in " + file + " (" + SETTING
                    + ") must be 32 to 256 characters of A-Z a-z 0-9 . _ ~ + / = -");
        }
        return secret;
    }
}
