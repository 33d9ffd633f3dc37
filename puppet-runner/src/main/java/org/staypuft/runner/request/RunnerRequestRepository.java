package org.staypuft.runner.request;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.staypuft.events.EventCodec;
import org.staypuft.events.StaypuftEvent;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/**
 * The state changes of accepted requests; each runs in its caller's transaction. Only the replica owning an open
 * request changes it: every change locks the row and checks the owner, which is what makes a takeover final.
 */
@ApplicationScoped
public class RunnerRequestRepository implements PanacheRepositoryBase<RunnerRequest, Long> {

    private static final int MAX_REASON = 2000;

    @Inject
    ReplicaLease lease;

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
        row.request = EventCodec.encodePayloadAsString(request);
        row.queuedFor(lease.ownerForNewRequest(), now());
        persist(row);
        return row;
    }

    /**
     * The command is about to reach the host. Refused (nothing may be sent) when the request is no longer this
     * replica's. The row lock keeps any other replica from taking it meanwhile, and the lease is made sure of in the
     * same transaction, so none takes it over while the command runs.
     *
     * @throws RequestTakenOver when this replica must not go on
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markRunning(RequestKind kind, String requestId, int attempt) {
        RunnerRequest row = requireOwned(kind, requestId);
        lease.holdInThisTransaction();
        row.started(attempt, now());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void markWaiting(RequestKind kind, String requestId, int attempt, String reason) {
        RunnerRequest row = requireOwned(kind, requestId);
        row.waiting(attempt, shorten(reason));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(RunnerRequest row, StaypuftEvent completion, String reason) {
        row.completed(EventCodec.encodePayloadAsString(completion), shorten(reason), now());
    }

    /**
     * Locks an open request of this replica.
     *
     * @throws RequestTakenOver when it completed or another replica owns it now
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public RunnerRequest requireOwned(RequestKind kind, String requestId) {
        RunnerRequest row = find("kind = ?1 and requestId = ?2", kind, requestId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(() -> new IllegalStateException("No " + kind + " request " + requestId));
        if (row.state() == RequestState.COMPLETED || !lease.id().equals(row.owner())) {
            throw new RequestTakenOver(kind, requestId);
        }
        return row;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public RunnerRequest require(RequestKind kind, String requestId) {
        return find(kind, requestId)
                .orElseThrow(() -> new IllegalStateException("No " + kind + " request " + requestId));
    }

    /**
     * Makes open requests of replicas whose lease ran out (or of nobody) this replica's, oldest first, and returns
     * them locked. Rows another replica is taking over at the same moment are skipped, not waited for: each row has
     * one taker.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<RunnerRequest> takeOver(RequestKind kind, int limit) {
        @SuppressWarnings("unchecked")
        List<Number> ids = getEntityManager().createNativeQuery("""
                SELECT r.id FROM runner_request r
                WHERE r.kind = :kind AND r.state <> 'COMPLETED' AND r.owner IS DISTINCT FROM :me
                  AND NOT EXISTS (SELECT 1 FROM runner_replica p WHERE p.id = r.owner AND p.lease_until > now())
                ORDER BY r.id
                LIMIT :limit
                FOR UPDATE OF r SKIP LOCKED""")
                .setParameter("kind", kind.name())
                .setParameter("me", lease.id())
                .setParameter("limit", limit)
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        List<RunnerRequest> rows = list("id in ?1 order by id", ids.stream().map(Number::longValue).toList());
        rows.forEach(row -> row.takenOverBy(lease.id()));
        return rows;
    }

    private static String shorten(String reason) {
        return reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
