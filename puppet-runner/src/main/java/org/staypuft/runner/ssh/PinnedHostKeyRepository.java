package org.staypuft.runner.ssh;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class PinnedHostKeyRepository implements PanacheRepositoryBase<PinnedHostKey, String> {

    @Transactional
    public Optional<String> pinnedKey(String hostId) {
        return findByIdOptional(hostId).map(pinned -> pinned.publicKey);
    }

    /** Pins a key unless one is pinned already (the first one wins). */
    @Transactional
    public void pin(String hostId, String publicKey) {
        getEntityManager().createNativeQuery("""
                INSERT INTO pinned_host_key (host_id, public_key, pinned_at) VALUES (:hostId, :key, :now)
                ON CONFLICT (host_id) DO NOTHING""")
                .setParameter("hostId", hostId)
                .setParameter("key", publicKey)
                .setParameter("now", OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate();
    }

    /** @return whether a key was pinned */
    @Transactional
    public boolean forget(String hostId) {
        return deleteById(hostId);
    }
}
