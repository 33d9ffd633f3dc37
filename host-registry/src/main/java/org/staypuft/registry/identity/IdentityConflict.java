package org.staypuft.registry.identity;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.host.HostIdentityConflict;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.kit.json.JsonColumns;

/** A refused identity claim of one host, as a {@code host.identity-conflict} event reported it. */
@Entity
@Table(name = "host_identity_conflict")
public class IdentityConflict {

    @Id
    @Column(name = "event_id")
    private String eventId;

    @Column(name = "host_id", nullable = false)
    private String hostId;

    @Column(nullable = false)
    private String source;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "attributes", nullable = false)
    private String attributesJson;

    @Column(name = "claimed_kind", nullable = false)
    private String claimedKind;

    @Column(name = "claimed_address")
    private String claimedAddress;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "claimed_ssh_host_keys", nullable = false)
    private String claimedSshHostKeysJson;

    @Column(nullable = false)
    private String reason;

    @Column(name = "detected_by", nullable = false)
    private String detectedBy;

    @Column(name = "detected_at", nullable = false)
    private OffsetDateTime detectedAt;

    /** Null while open; {@code accepted} or {@code superseded} once an operator decided the host's identity. */
    private String resolution;

    /** Id of the host.identity-changed event that resolved it. */
    @Column(name = "resolved_by")
    private String resolvedBy;

    @Column(name = "resolved_at")
    private OffsetDateTime resolvedAt;

    protected IdentityConflict() {
        // for Hibernate
    }

    static IdentityConflict of(EventEnvelope event, HostIdentityConflict conflict) {
        IdentityConflict row = new IdentityConflict();
        row.eventId = event.id();
        row.hostId = conflict.hostId();
        row.source = conflict.source();
        row.attributesJson = JsonColumns.writeList(conflict.attributes());
        row.claimedKind = conflict.claimedKind();
        row.claimedAddress = conflict.claimedAddress();
        row.claimedSshHostKeysJson = JsonColumns.writeList(conflict.claimedSshHostKeys());
        row.reason = conflict.reason();
        row.detectedBy = event.source();
        row.detectedAt = event.time();
        return row;
    }

    /** Open: no operator has decided about it yet. */
    public boolean isOpen() {
        return resolution == null;
    }

    /** An operator accepted this claim ({@code accepted}) or a later one of the same host ({@code superseded}). */
    void resolve(String how, String byEventId, OffsetDateTime at) {
        if (resolution == null) {
            this.resolution = how;
            this.resolvedBy = byEventId;
            this.resolvedAt = at;
        }
    }

    public String getResolution() {
        return resolution;
    }

    public String getResolvedBy() {
        return resolvedBy;
    }

    public OffsetDateTime getResolvedAt() {
        return resolvedAt;
    }

    public String getEventId() {
        return eventId;
    }

    public String getHostId() {
        return hostId;
    }

    public String getSource() {
        return source;
    }

    public List<String> getAttributes() {
        return JsonColumns.list(attributesJson, String.class);
    }

    public String getClaimedKind() {
        return claimedKind;
    }

    public String getClaimedAddress() {
        return claimedAddress;
    }

    public List<SshHostKey> getClaimedSshHostKeys() {
        return JsonColumns.list(claimedSshHostKeysJson, SshHostKey.class);
    }

    public String getReason() {
        return reason;
    }

    public String getDetectedBy() {
        return detectedBy;
    }

    public OffsetDateTime getDetectedAt() {
        return detectedAt;
    }
}
