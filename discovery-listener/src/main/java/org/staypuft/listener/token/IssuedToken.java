package org.staypuft.listener.token;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A token just created. The only time the secret is shown: it is stored as a hash.
 *
 * @param maxHosts how many hosts it may register (each bound to it at its first registration)
 * @param token the secret to put in the client installer's answer file, sent as {@code Authorization: Bearer}
 */
public record IssuedToken(UUID id, String token, String description, OffsetDateTime createdAt,
        OffsetDateTime expiresAt, int maxHosts) {
}
