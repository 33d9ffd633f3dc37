package org.staypuft.registry.identity;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class IdentityConflictRepository implements PanacheRepositoryBase<IdentityConflict, String> {

    /** A host's latest conflicts, newest first. */
    public List<IdentityConflict> latestOf(String hostId, int limit) {
        return find("hostId", Sort.descending("detectedAt"), hostId).range(0, limit - 1).list();
    }

    /** A host's open conflicts detected at or before the given time. */
    public List<IdentityConflict> openUntil(String hostId, java.time.OffsetDateTime until) {
        return list("hostId = ?1 and resolution is null and detectedAt <= ?2", hostId, until);
    }

    public long countOf(String hostId) {
        return count("hostId", hostId);
    }
}
