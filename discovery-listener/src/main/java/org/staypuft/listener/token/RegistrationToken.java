package org.staypuft.listener.token;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A registration token as stored: its SHA-256 only, never the token. */
@Entity
@Table(name = "registration_token")
public class RegistrationToken extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "token_hash", nullable = false, unique = true)
    public String tokenHash;

    @Column(nullable = false)
    public String description;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "expires_at", nullable = false)
    public OffsetDateTime expiresAt;

    /** Set once, by {@link #revoke}: a revoked token stays revoked. */
    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    /** How many hosts it may register; each is bound to it on its first registration. */
    @Column(name = "max_hosts", nullable = false)
    public int maxHosts;

    /** {@code active}, {@code expired} or {@code revoked} at {@code now}. */
    public String stateAt(OffsetDateTime now) {
        if (revokedAt != null) {
            return "revoked";
        }
        return expiresAt.isAfter(now) ? "active" : "expired";
    }

    public OffsetDateTime revokedAt() {
        return revokedAt;
    }

    /** Revokes it for good; revoking it again keeps the first time. */
    public void revoke(OffsetDateTime now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }
}
