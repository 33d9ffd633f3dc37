package org.staypuft.listener.token;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A registration token as operators see it: never the secret.
 *
 * @param state {@code active}, {@code expired} or {@code revoked}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenView(UUID id, String description, OffsetDateTime createdAt, OffsetDateTime expiresAt,
        OffsetDateTime revokedAt, String state, int maxHosts) {

    static TokenView of(RegistrationToken token, OffsetDateTime now) {
        return new TokenView(token.id, token.description, token.createdAt, token.expiresAt, token.revokedAt(),
                token.stateAt(now), token.maxHosts);
    }
}
