package org.staypuft.registry.facts;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class HostFactsRepository implements PanacheRepositoryBase<HostFacts, String> {

    /** When the facts of these hosts last arrived, without loading the (large) documents. */
    public Map<String, OffsetDateTime> recordedAt(Collection<String> hostIds) {
        Map<String, OffsetDateTime> recordedAt = new HashMap<>();
        if (hostIds.isEmpty()) {
            return recordedAt;
        }
        getEntityManager()
                .createQuery("select f.hostId, f.recordedAt from HostFacts f where f.hostId in :ids", Object[].class)
                .setParameter("ids", hostIds)
                .getResultList()
                .forEach(row -> recordedAt.put((String) row[0], (OffsetDateTime) row[1]));
        return recordedAt;
    }
}
