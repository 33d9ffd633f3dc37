package org.staypuft.registry.provisioning;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A one-time build token as stored: its SHA-256, never the token itself. It authorises fetching the host's
 * provisioning templates and, once, the built callback.
 */
@Entity
@Table(name = "build_token")
public class BuildToken {

    @Id
    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "host_id", nullable = false)
    private String hostId;

    @Column(name = "deployment_id")
    private String deploymentId;

    @Column(name = "run_id")
    private String runId;

    @Column(name = "step_id", nullable = false)
    private String stepId;

    @Column(name = "issued_at", nullable = false)
    private OffsetDateTime issuedAt;

    @Column(name = "expires_at", nullable = false)
    private OffsetDateTime expiresAt;

    @Column(name = "used_at")
    private OffsetDateTime usedAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    protected BuildToken() {
        // for Hibernate
    }

    BuildToken(String tokenHash, String hostId, String deploymentId, String runId, String stepId,
            OffsetDateTime issuedAt, OffsetDateTime expiresAt) {
        this.tokenHash = tokenHash;
        this.hostId = hostId;
        this.deploymentId = deploymentId;
        this.runId = runId;
        this.stepId = stepId;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
    }

    /** Neither used, nor superseded, nor expired. */
    boolean usableAt(OffsetDateTime now) {
        return usedAt == null && revokedAt == null && now.isBefore(expiresAt);
    }

    void use(OffsetDateTime now) {
        this.usedAt = now;
    }

    public String getTokenHash() {
        return tokenHash;
    }

    public String getHostId() {
        return hostId;
    }

    public String getDeploymentId() {
        return deploymentId;
    }

    public String getStepId() {
        return stepId;
    }

    public OffsetDateTime getExpiresAt() {
        return expiresAt;
    }
}
