package org.staypuft.orchestrator.deployment;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class HostAssignmentRepository implements PanacheRepositoryBase<HostAssignment, String> {

    public List<HostAssignment> ofDeployment(String deploymentId) {
        return list("deploymentId = ?1 order by ordinal", deploymentId);
    }

    public long countInRole(String deploymentId, String role) {
        return count("deploymentId = ?1 and role = ?2", deploymentId, role);
    }

    public long nextOrdinal() {
        return ((Number) getEntityManager().createNativeQuery("SELECT nextval('host_assignment_ordinal')")
                .getSingleResult()).longValue();
    }
}
