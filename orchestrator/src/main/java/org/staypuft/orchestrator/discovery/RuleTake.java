package org.staypuft.orchestrator.discovery;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A host a rule took. One per host, ever (the primary key): a second replica or a redelivered event that gets this
 * far fails on the key, and its retry finds the host taken. Kept after the host is unassigned: rules take a host
 * once, an operator's unassignment stands.
 */
@Entity
@Table(name = "discovery_rule_take")
public class RuleTake {

    @Id
    @Column(name = "host_id")
    public String hostId;

    @Column(name = "rule_id")
    public String ruleId;

    @Column(name = "rule_name", nullable = false)
    public String ruleName;

    /** Unique: a given name is given once. */
    @Column(name = "host_name")
    public String hostName;

    @Column(name = "taken_at", nullable = false)
    public OffsetDateTime takenAt;
}
