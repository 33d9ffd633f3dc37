package org.staypuft.runner.request;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A command the runner accepted, remembered across restarts: the request as received, its state, and once done the
 * completed event (so a redelivered request gets the same answer without running again).
 */
@Entity
@Table(name = "runner_request")
public class RunnerRequest {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RequestKind kind;

    @Column(name = "request_id", nullable = false)
    public String requestId;

    @Column(name = "host_id", nullable = false)
    public String hostId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RequestState state;

    @Column(nullable = false)
    public int attempts;

    /** The replica ({@link ReplicaLease#id()}) that may change this request while it is open. */
    public String owner;

    /** The command's payload as JSON. */
    @Column(nullable = false)
    public String request;

    /** The completed event's payload as JSON, once completed. */
    public String completion;

    /** The latest outcome, or why it waits. */
    @Column(name = "last_reason")
    public String lastReason;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "completed_at")
    public OffsetDateTime completedAt;
}
