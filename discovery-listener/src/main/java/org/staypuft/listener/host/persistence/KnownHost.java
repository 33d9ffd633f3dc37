package org.staypuft.listener.host.persistence;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;
import org.staypuft.events.host.HostKind;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * What the listener remembers of a host to tell a new host, a changed one and a repeated upload apart. The raw
 * facts themselves live on the compacted facts topic, not here.
 */
@Entity
@Table(name = "known_host")
public class KnownHost extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false, unique = true)
    public String mac;

    /** Changes through {@link #recordArrival}, after {@code HostIdentityRule} allowed the arrival, or an operator. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private HostKind kind;

    @Column(nullable = false)
    public String name;

    /** Digest of everything the host sent: the facts of an upload, the whole content of a registration. */
    @Column(name = "content_digest", nullable = false)
    public String contentDigest;

    /** Digest of the raw facts last recorded on the facts topic; null when the host never sent facts. */
    @Column(name = "facts_digest")
    public String factsDigest;

    /** JSON object: name of each top-level fact (or registration field) to a digest of its value. */
    @Column(name = "part_digests", nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "CAST(? AS jsonb)")
    public String partDigests;

    /** JSON of the last published {@link org.staypuft.events.host.HostSnapshot}. */
    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "CAST(? AS jsonb)")
    public String snapshot;

    /** When the host's installation called back ({@code host.built}); null while it never did. */
    @Column(name = "built_at")
    private OffsetDateTime builtAt;

    /** The deployment it is assigned to ({@code host.assigned}), null when free. */
    @Column(name = "assigned_to")
    private String assignedTo;

    @Column(name = "first_seen_at", nullable = false)
    public OffsetDateTime firstSeenAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public HostKind kind() {
        return kind;
    }

    /** Its installation called back: a registration with any token no longer vouches for it. */
    public boolean built() {
        return builtAt != null;
    }

    /** The orchestrator assigned it to a deployment ({@code host.assigned}): no longer a free host. */
    public void recordAssigned(String deploymentId) {
        this.assignedTo = deploymentId;
    }

    /** Taken out of that deployment ({@code host.unassigned}); an unassignment from another one changes nothing. */
    public void recordUnassigned(String deploymentId) {
        if (assignedTo != null && assignedTo.equals(deploymentId)) {
            this.assignedTo = null;
        }
    }

    /** The registry reported its build callback ({@code host.built}, the event's time). */
    public void recordBuilt(OffsetDateTime at) {
        if (builtAt == null || at.isBefore(builtAt)) {
            this.builtAt = at;
        }
    }

    /**
     * An operator decided the host's identity ({@code host.identity-changed}): its kind, and the snapshot with the
     * address and keys the operator accepted, are what uploads and registrations are judged against from now on.
     */
    public void recordOperatorIdentity(HostKind decidedKind, String snapshotJson, OffsetDateTime now) {
        this.kind = decidedKind;
        this.snapshot = snapshotJson;
        this.updatedAt = now;
    }

    /** What the host sent last, as published: the one place its kind and digests change. */
    public void recordArrival(HostKind arrivedAs, String hostName, String arrivalDigest, String rawFactsDigest,
            String partDigestsJson, String publishedSnapshotJson, OffsetDateTime now) {
        this.kind = arrivedAs;
        this.name = hostName;
        this.contentDigest = arrivalDigest;
        this.factsDigest = rawFactsDigest;
        this.partDigests = partDigestsJson;
        this.snapshot = publishedSnapshotJson;
        this.updatedAt = now;
    }
}
