package org.staypuft.runner.request;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.staypuft.runner.config.RunnerConfig;

/**
 * This process as one replica of the runner: an id of its own (host name plus a random part, new at every start, so
 * two processes on one machine never share it) and a lease in table {@code runner_replica} that it renews. Times are
 * the database's clock, the one clock all replicas share.
 */
@ApplicationScoped
public class ReplicaLease {

    private final String id = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    private volatile boolean registered;

    @Inject
    EntityManager entityManager;

    @Inject
    RunnerConfig config;

    public String id() {
        return id;
    }

    /** The owner to write on a new request: registers the lease first if this is the first thing this replica does. */
    public String ownerForNewRequest() {
        if (!registered) {
            renew();
        }
        return id;
    }

    /** Takes or extends the lease: this replica's requests stay its own for another lease period. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public synchronized void renew() {
        upsert();
        registered = true;
    }

    /**
     * In the caller's transaction, makes sure the lease runs: a lease that lapsed (a heartbeat late under load, the
     * database away for a while) is taken again, committed together with the caller's change, so no other replica
     * takes over what this one is about to start.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void holdInThisTransaction() {
        boolean held = ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM runner_replica WHERE id = :id AND lease_until > now()")
                .setParameter("id", id)
                .getSingleResult()).intValue() == 1;
        if (!held) {
            upsert();
        }
    }

    private void upsert() {
        entityManager.createNativeQuery("""
                INSERT INTO runner_replica (id, started_at, lease_until)
                VALUES (:id, now(), now() + :millis * interval '1 millisecond')
                ON CONFLICT (id) DO UPDATE SET lease_until = EXCLUDED.lease_until""")
                .setParameter("id", id)
                .setParameter("millis", config.replica().lease().toMillis())
                .executeUpdate();
    }

    /** A graceful stop: ends the lease now, so other replicas take this one's open requests over at once. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release() {
        entityManager.createNativeQuery("UPDATE runner_replica SET lease_until = now() WHERE id = :id")
                .setParameter("id", id)
                .executeUpdate();
    }

    /** Forgets replicas whose lease ended long ago and which own no open request any more. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int forgetGoneReplicas() {
        return entityManager.createNativeQuery("""
                DELETE FROM runner_replica p
                WHERE p.lease_until < now() - :millis * interval '1 millisecond'
                  AND NOT EXISTS (SELECT 1 FROM runner_request r WHERE r.owner = p.id AND r.state <> 'COMPLETED')""")
                .setParameter("millis", config.replica().lease().toMillis())
                .executeUpdate();
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return shorten(fromEnvironment);
        }
        try {
            return shorten(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            return "runner";
        }
    }

    private static String shorten(String name) {
        return name.length() <= 80 ? name : name.substring(0, 80);
    }
}
