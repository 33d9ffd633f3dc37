package org.staypuft.orchestrator.run;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A run of a deployment with its run-wide counters. The counters make every decision O(1): "is anything still in
 * flight", "are all roles ready", "how many agent slots are free" never count rows.
 */
@Entity
@Table(name = "run")
public class Run {

    @Id
    public String id;

    @Column(name = "deployment_id", nullable = false)
    public String deploymentId;

    @Column(name = "deployment_name", nullable = false)
    public String deploymentName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RunStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RunPhase phase;

    @Column(name = "redeploy_all", nullable = false)
    public boolean redeployAll;

    @Column(name = "triggered_by", nullable = false)
    public String triggeredBy;

    @Column(name = "cancelled_by")
    public String cancelledBy;

    @Column(name = "host_count", nullable = false)
    public int hostCount;

    @Column(name = "roles_total", nullable = false)
    public int rolesTotal;

    @Column(name = "roles_ready", nullable = false)
    public int rolesReady;

    @Column(name = "roles_failed", nullable = false)
    public int rolesFailed;

    /** Hosts with a command outstanding, in any phase. */
    @Column(nullable = false)
    public int active;

    @Column(name = "prepare_active", nullable = false)
    public int prepareActive;

    @Column(name = "agent_active", nullable = false)
    public int agentActive;

    /** Hosts that passed their role and wait for the finish phase. */
    @Column(name = "agents_pending", nullable = false)
    public int agentsPending;

    @Column(name = "agents_failed", nullable = false)
    public int agentsFailed;

    @Column(name = "hosts_deployed", nullable = false)
    public int hostsDeployed;

    @Column(name = "hosts_failed", nullable = false)
    public int hostsFailed;

    @Column(name = "hosts_skipped", nullable = false)
    public int hostsSkipped;

    public String reason;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
}
