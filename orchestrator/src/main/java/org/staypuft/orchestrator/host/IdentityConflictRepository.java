package org.staypuft.orchestrator.host;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class IdentityConflictRepository implements PanacheRepositoryBase<IdentityConflict, String> {

    /** The open conflicts of these hosts, oldest first, by host. */
    public Map<String, List<IdentityConflict>> openOf(Collection<String> hostIds) {
        if (hostIds.isEmpty()) {
            return Map.of();
        }
        return list("hostId in ?1 and resolution is null order by detectedAt, conflictId", hostIds).stream()
                .collect(Collectors.groupingBy(conflict -> conflict.hostId));
    }

    /** The host's open conflicts detected at or before {@code until} (the registry's "older open ones"). */
    List<IdentityConflict> openUntil(String hostId, OffsetDateTime until) {
        return list("hostId = ?1 and resolution is null and detectedAt <= ?2", hostId, until);
    }
}
