package org.staypuft.runner.request;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.staypuft.events.EventCodec;
import org.staypuft.events.StaypuftEvent;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** The state changes of accepted requests; each runs in its caller's transaction. */
@ApplicationScoped
public class RunnerRequestRepository implements PanacheRepositoryBase<RunnerRequest, Long> {

    private static final int MAX_REASON = 2000;

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<RunnerRequest> find(RequestKind kind, String requestId) {
        return find("kind = ?1 and requestId = ?2", kind, requestId).firstResultOptional();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public RunnerRequest add(RequestKind kind, String requestId, String hostId, StaypuftEvent request) {
        RunnerRequest row = new RunnerRequest();
        row.kind = kind;
        row.requestId = requestId;
        row.hostId = hostId;
        row.state = RequestState.QUEUED;
        row.request = EventCodec.encodePayloadAsString(request);
        row.receivedAt = now();
        persist(row);
        return row;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void markRunning(RequestKind kind, String requestId, int attempt) {
        RunnerRequest row = require(kind, requestId);
        row.state = RequestState.RUNNING;
        row.attempts = attempt;
        row.startedAt = now();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void markWaiting(RequestKind kind, String requestId, int attempt, String reason) {
        RunnerRequest row = require(kind, requestId);
        row.state = RequestState.QUEUED;
        row.attempts = attempt;
        row.lastReason = shorten(reason);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(RunnerRequest row, StaypuftEvent completion, String reason) {
        row.state = RequestState.COMPLETED;
        row.completion = EventCodec.encodePayloadAsString(completion);
        row.lastReason = shorten(reason);
        row.completedAt = now();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public RunnerRequest require(RequestKind kind, String requestId) {
        return find(kind, requestId)
                .orElseThrow(() -> new IllegalStateException("No " + kind + " request " + requestId));
    }

    /** Requests not completed yet, oldest first: what a restart must pick up. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<RunnerRequest> open(RequestKind kind) {
        return list("kind = ?1 and state <> ?2 order by id", kind, RequestState.COMPLETED);
    }

    private static String shorten(String reason) {
        return reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
