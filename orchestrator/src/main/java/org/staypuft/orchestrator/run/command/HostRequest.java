package org.staypuft.orchestrator.run.command;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One command sent for a host step, by request id: correlates answers, re-sent unchanged after a crash. */
@Entity
@Table(name = "host_request")
public class HostRequest {

    public static final String PROVISION = "PROVISION";
    public static final String PUPPET_RUN = "PUPPET_RUN";

    @Id
    @Column(name = "request_id")
    public String requestId;

    @Column(name = "host_step_id", nullable = false)
    public long hostStepId;

    @Column(name = "run_id", nullable = false)
    public String runId;

    /** The step id sent with the command: run, host, what, attempt. */
    @Column(name = "step_key", nullable = false)
    public String stepKey;

    @Column(nullable = false)
    public String kind;

    public String purpose;

    @Column(nullable = false)
    public int attempt;

    /** The payload as sent, JSON. */
    @Column(nullable = false)
    public String payload;

    @Column(name = "sent_at", nullable = false)
    public OffsetDateTime sentAt;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "completed_at")
    public OffsetDateTime completedAt;

    public String outcome;

    public String reason;

    /** JSON array. */
    @Column(name = "changed_resources")
    public String changedResources;

    /** JSON array. */
    @Column(name = "failed_resources")
    public String failedResources;

    @Column(name = "duration_ms")
    public Long durationMillis;

    @Column(nullable = false)
    public int resent;
}
