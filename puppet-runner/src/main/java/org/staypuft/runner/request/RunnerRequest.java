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
 * completed event (so a redelivered request gets the same answer without running again). What it was asked is plain
 * columns; its life (queued, running, completed, whose it is) changes only through the methods named after what
 * happened.
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
    private RequestState state;

    @Column(nullable = false)
    private int attempts;

    /** The replica ({@link ReplicaLease#id()}) that may change this request while it is open. */
    private String owner;

    /** The command's payload as JSON. */
    @Column(nullable = false)
    public String request;

    /** The completed event's payload as JSON, once completed. */
    private String completion;

    /** The latest outcome, or why it waits. */
    @Column(name = "last_reason")
    private String lastReason;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;

    @Column(name = "started_at")
    private OffsetDateTime startedAt;

    @Column(name = "completed_at")
    private OffsetDateTime completedAt;

    /** A new request, queued for the replica that received it. */
    void queuedFor(String replica, OffsetDateTime now) {
        this.state = RequestState.QUEUED;
        this.owner = replica;
        this.receivedAt = now;
    }

    /** The command is about to reach the host. */
    void started(int attempt, OffsetDateTime now) {
        this.state = RequestState.RUNNING;
        this.attempts = attempt;
        this.startedAt = now;
    }

    /** Back in the queue after an attempt that will be tried again. */
    void waiting(int attempt, String reason) {
        this.state = RequestState.QUEUED;
        this.attempts = attempt;
        this.lastReason = reason;
    }

    /** Done for good: its completed event is kept to answer a redelivered request. */
    void completed(String completionJson, String reason, OffsetDateTime now) {
        this.state = RequestState.COMPLETED;
        this.completion = completionJson;
        this.lastReason = reason;
        this.completedAt = now;
    }

    /** Another replica's lease lapsed: this request is now the taker's. */
    void takenOverBy(String replica) {
        this.owner = replica;
    }

    public RequestState state() {
        return state;
    }

    public int attempts() {
        return attempts;
    }

    /** The replica ({@link ReplicaLease#id()}) that may change this request while it is open. */
    public String owner() {
        return owner;
    }

    /** The completed event's payload as JSON, once completed. */
    public String completion() {
        return completion;
    }

    public String lastReason() {
        return lastReason;
    }

    public OffsetDateTime startedAt() {
        return startedAt;
    }

    public OffsetDateTime completedAt() {
        return completedAt;
    }
}
