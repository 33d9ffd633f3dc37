package org.staypuft.orchestrator.host;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class KnownHostRepository implements PanacheRepositoryBase<KnownHost, String> {

    public List<KnownHost> page(int offset, int limit) {
        return find("order by hostId").range(offset, offset + limit - 1).list();
    }

    /** The hosts with an open identity conflict, a page of them. */
    public List<KnownHost> pageWithOpenConflicts(int offset, int limit) {
        return find("hostId in (select c.hostId from IdentityConflict c where c.resolution is null) order by hostId")
                .range(offset, offset + limit - 1).list();
    }
}
