package org.staypuft.registry.facts;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The latest raw facts of a host, as its discovery image or client installer uploaded them; like the compacted topic
 * they come from, one row per host. Deliberately not tied to the host row: facts and lifecycle events travel on
 * different topics and either may arrive first.
 */
@Entity
@Table(name = "host_facts")
public class HostFacts {

    @Id
    @Column(name = "host_id")
    private String hostId;

    @Column(name = "facts_digest")
    private String factsDigest;

    /** The facts document; JSONB so later features (classification, templates) can query single facts. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String facts;

    @Column(name = "recorded_at", nullable = false)
    private OffsetDateTime recordedAt;

    protected HostFacts() {
        // for Hibernate
    }

    HostFacts(String hostId) {
        this.hostId = hostId;
    }

    void replace(String newDigest, String newFacts, OffsetDateTime at) {
        this.factsDigest = newDigest;
        this.facts = newFacts;
        this.recordedAt = at;
    }

    public String getHostId() {
        return hostId;
    }

    public String getFactsDigest() {
        return factsDigest;
    }

    /** The facts as a JSON document. */
    public String getFacts() {
        return facts;
    }

    public OffsetDateTime getRecordedAt() {
        return recordedAt;
    }
}
