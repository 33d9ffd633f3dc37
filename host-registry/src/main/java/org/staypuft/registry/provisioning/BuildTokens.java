package org.staypuft.registry.provisioning;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.staypuft.events.provisioning.ProvisioningRequested;
import org.staypuft.registry.config.RegistryConfig;

/**
 * Issues and checks build tokens: 32 random bytes, URL-safe base64 without padding (43 characters, fit for a query
 * parameter and a kernel command line), stored as their SHA-256.
 */
@ApplicationScoped
public class BuildTokens {

    private static final int TOKEN_BYTES = 32;
    /** What an issued token looks like; anything else is refused before it reaches the database. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final SecureRandom random = new SecureRandom();

    @Inject
    BuildTokenRepository tokens;

    @Inject
    RegistryConfig config;

    /** A new token for the requested step; the caller is the only one ever to see it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String issue(ProvisioningRequested request, OffsetDateTime now) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.persist(new BuildToken(hash(token), request.hostId(), request.deploymentId(), request.runId(),
                request.stepId(), now, now.plus(config.buildToken().validity())));
        return token;
    }

    /** The stored token, if this one is still good for fetching templates. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<BuildToken> usable(String token) {
        return wellFormed(token).flatMap(tokens::findByIdOptional).filter(found -> found.usableAt(now()));
    }

    /** The stored token, locked for this transaction, if it is still good for its one callback. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<BuildToken> usableForUpdate(String token) {
        return wellFormed(token).flatMap(tokens::findForUpdate).filter(found -> found.usableAt(now()));
    }

    private static Optional<String> wellFormed(String token) {
        return token != null && TOKEN.matcher(token).matches() ? Optional.of(hash(token)) : Optional.empty();
    }

    static String hash(String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
