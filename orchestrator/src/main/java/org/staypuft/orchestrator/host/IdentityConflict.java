package org.staypuft.orchestrator.host;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.staypuft.events.host.HostIdentityConflict;
import org.staypuft.kit.json.JsonColumns;

/**
 * A refused identity claim of a host ({@code host.identity-conflict}, by event id), open until an operator decides the
 * host's identity at the registry: what the host API and the dashboard mark. The registry holds the claim itself
 * ({@code GET :8082/api/v1/hosts/{id}/identity-conflicts}); this is only what operators need to see that there is one.
 */
@Entity
@Table(name = "host_identity_conflict")
public class IdentityConflict {

    static final String ACCEPTED = "accepted";
    static final String SUPERSEDED = "superseded";

    @Id
    @Column(name = "event_id")
    public String conflictId;

    @Column(name = "host_id", nullable = false)
    public String hostId;

    @Column(nullable = false)
    public String source;

    /** JSON array: kind, address, sshHostKeys. */
    @Column(nullable = false)
    String attributes;

    @Column(name = "detected_at", nullable = false)
    public OffsetDateTime detectedAt;

    /** Null while open; {@code accepted} or {@code superseded}. */
    private String resolution;

    @Column(name = "resolved_at")
    private OffsetDateTime resolvedAt;

    static IdentityConflict of(String eventId, OffsetDateTime at, HostIdentityConflict conflict) {
        IdentityConflict recorded = new IdentityConflict();
        recorded.conflictId = eventId;
        recorded.hostId = conflict.hostId();
        recorded.source = conflict.source() == null ? "unknown" : conflict.source();
        recorded.attributes = JsonColumns.writeList(conflict.attributes() == null ? List.of() : conflict.attributes());
        recorded.detectedAt = at;
        return recorded;
    }

    public List<String> attributes() {
        return JsonColumns.list(attributes, String.class);
    }

    public boolean open() {
        return resolution == null;
    }

    /** An operator accepted this claim ({@code accepted}) or a later one of the same host ({@code superseded}). */
    void resolve(String how, OffsetDateTime at) {
        if (resolution == null) {
            resolution = how;
            resolvedAt = at;
        }
    }
}
