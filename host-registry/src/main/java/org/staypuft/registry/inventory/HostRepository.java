package org.staypuft.registry.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class HostRepository implements PanacheRepositoryBase<Host, String> {

    /** Hosts matching the filter, ordered by id so that pages are stable while hosts come and go. */
    public PanacheQuery<Host> matching(HostFilter filter) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (filter.state() != null) {
            conditions.add("state = :state");
            parameters.and("state", filter.state());
        }
        if (filter.kind() != null) {
            conditions.add("kind = :kind");
            parameters.and("kind", filter.kind());
        }
        if (filter.deploymentId() != null) {
            conditions.add("deploymentId = :deploymentId");
            parameters.and("deploymentId", filter.deploymentId());
        }
        if (filter.role() != null) {
            conditions.add("role = :role");
            parameters.and("role", filter.role());
        }
        Sort byId = Sort.by("id");
        return conditions.isEmpty() ? findAll(byId) : find(String.join(" and ", conditions), byId, parameters);
    }

    /**
     * The hosts a Puppet certname may mean: the host with that id, else the hosts of that name (the {@code mac...}
     * name of a discovered host, a registered host's hostname); certnames are lower case, host names may not be.
     */
    public List<Host> byCertname(String certname) {
        Host byId = findById(certname);
        if (byId != null) {
            return List.of(byId);
        }
        return list("lower(name) = ?1", Sort.by("id"), certname.toLowerCase(Locale.ROOT));
    }
}
