package org.staypuft.listener.token;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.staypuft.listener.config.ListenerConfig;
import org.staypuft.listener.facts.FactsDigest;
import org.staypuft.listener.request.RefusedException;

import io.quarkus.panache.common.Sort;

/**
 * Registration tokens: 32 random bytes, URL-safe base64, stored only as their SHA-256 with an expiry and an
 * optional revocation. A leaked database does not leak usable tokens.
 */
@ApplicationScoped
public class RegistrationTokenService {

    public static final String AUTHORIZATION = "Authorization";
    private static final String BEARER = "bearer ";
    private static final int TOKEN_BYTES = 32;

    private final SecureRandom random = new SecureRandom();

    @Inject
    ListenerConfig config;

    @Inject
    EntityManager entityManager;

    @Transactional
    public IssuedToken issue(String description, Duration ttl, int maxHosts) {
        Duration lifetime = ttl == null ? config.tokens().defaultTtl() : ttl;
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw RefusedException.badRequest("ttl", "invalid-ttl", "ttl must be positive, e.g. P7D or PT12H");
        }
        if (lifetime.compareTo(config.tokens().maxTtl()) > 0) {
            throw RefusedException.badRequest("ttl", "invalid-ttl",
                    "ttl must not exceed " + config.tokens().maxTtl() + " (staypuft.listener.tokens.max-ttl)");
        }
        byte[] secret = new byte[TOKEN_BYTES];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);

        RegistrationToken stored = new RegistrationToken();
        stored.id = UUID.randomUUID();
        stored.tokenHash = FactsDigest.sha256Hex(token);
        stored.description = description;
        stored.createdAt = now();
        stored.expiresAt = stored.createdAt.plus(lifetime);
        stored.maxHosts = maxHosts;
        stored.persist();
        return new IssuedToken(stored.id, token, stored.description, stored.createdAt, stored.expiresAt,
                stored.maxHosts);
    }

    public List<TokenView> list() {
        OffsetDateTime now = now();
        return RegistrationToken.<RegistrationToken>listAll(Sort.descending("createdAt")).stream()
                .map(token -> TokenView.of(token, now))
                .toList();
    }

    /**
     * Revokes a token for good; revoking it again changes nothing.
     *
     * @return the token, empty when there is no such token
     */
    @Transactional
    public Optional<TokenView> revoke(UUID id) {
        RegistrationToken token = RegistrationToken.findById(id);
        if (token == null) {
            return Optional.empty();
        }
        OffsetDateTime now = now();
        token.revoke(now);
        return Optional.of(TokenView.of(token, now));
    }

    /**
     * Checks an {@code Authorization: Bearer <token>} header.
     *
     * @return the token's id, for {@link #bind}
     * @throws RefusedException 401 saying why: missing, not Bearer, unknown, expired or revoked
     */
    @Transactional
    public UUID authorize(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            throw unauthorized("missing-token",
                    "missing registration token: send it as 'Authorization: Bearer <token>'");
        }
        String header = authorizationHeader.strip();
        if (!header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            throw unauthorized("missing-token", "the Authorization header must carry 'Bearer <token>'");
        }
        String token = header.substring(BEARER.length()).strip();
        RegistrationToken stored = RegistrationToken.find("tokenHash", FactsDigest.sha256Hex(token)).firstResult();
        if (stored == null) {
            throw unauthorized("unknown-token", "unknown registration token");
        }
        if (stored.revokedAt() != null) {
            throw unauthorized("revoked-token", "registration token " + stored.id + " was revoked at "
                    + format(stored.revokedAt()));
        }
        if (!stored.expiresAt.isAfter(now())) {
            throw unauthorized("expired-token", "registration token " + stored.id + " expired at "
                    + format(stored.expiresAt));
        }
        return stored.id;
    }

    /**
     * Binds the host to the token that registers it (issue 12: a token registers its own hosts only). A host
     * registered with another token, or a token whose {@code maxHosts} are all bound to other hosts, is refused:
     * re-registering a host with another token needs an operator.
     *
     * @throws RefusedException 403 naming the token and the host
     */
    @Transactional
    public void bind(UUID tokenId, String hostId) {
        RegistrationToken token = entityManager.find(RegistrationToken.class, tokenId,
                LockModeType.PESSIMISTIC_WRITE);
        List<?> owner = entityManager.createNativeQuery(
                "SELECT CAST(token_id AS VARCHAR) FROM registration_token_host WHERE host_id = :host")
                .setParameter("host", hostId).getResultList();
        if (!owner.isEmpty()) {
            if (owner.get(0).toString().equals(tokenId.toString())) {
                return;
            }
            throw forbidden("host-bound-elsewhere", "host " + hostId + " was registered with another registration"
                    + " token (" + owner.get(0) + "); registration token " + tokenId + " may not register it again:"
                    + " that needs an operator");
        }
        long bound = ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM registration_token_host WHERE token_id = :token")
                .setParameter("token", tokenId).getSingleResult()).longValue();
        if (bound >= token.maxHosts) {
            throw forbidden("token-used-up", "registration token " + tokenId + " is bound to " + bound
                    + " host(s) already (maxHosts " + token.maxHosts + "); host " + hostId
                    + " needs a token of its own");
        }
        entityManager.createNativeQuery(
                "INSERT INTO registration_token_host (host_id, token_id, bound_at) VALUES (:host, :token, :now)")
                .setParameter("host", hostId).setParameter("token", tokenId).setParameter("now", now())
                .executeUpdate();
    }

    private static RefusedException forbidden(String reason, String message) {
        return new RefusedException(403, AUTHORIZATION, reason, message);
    }

    private static RefusedException unauthorized(String reason, String message) {
        return new RefusedException(401, AUTHORIZATION, reason, message);
    }

    private static String format(OffsetDateTime time) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }

    /** Microseconds, as PostgreSQL keeps them, so what we return equals what we later read. */
    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
