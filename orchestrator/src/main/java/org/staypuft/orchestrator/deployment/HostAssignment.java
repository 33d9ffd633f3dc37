package org.staypuft.orchestrator.deployment;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A host in a role of a deployment; a host is in at most one deployment. */
@Entity
@Table(name = "host_assignment")
public class HostAssignment {

    @Id
    @Column(name = "host_id")
    public String hostId;

    @Column(name = "deployment_id", nullable = false)
    public String deploymentId;

    @Column(nullable = false)
    public String role;

    /** Assignment order; the leader of a leader role is its first host. */
    @Column(nullable = false)
    public long ordinal;

    /** The inventory state we announce with host-state-changed. */
    @Column(nullable = false)
    public String state;

    /** A run deployed it (agent re-enabled); a default run leaves it alone. */
    @Column(nullable = false)
    public boolean deployed;

    @Column(name = "assigned_at", nullable = false)
    public OffsetDateTime assignedAt;

    /** The discovery rule that assigned it; null when an operator did. */
    public String rule;

    /** The name the rule's host-name pattern gave it; null when none did. */
    @Column(name = "given_name")
    public String givenName;
}
