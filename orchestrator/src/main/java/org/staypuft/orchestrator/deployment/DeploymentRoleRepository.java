package org.staypuft.orchestrator.deployment;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class DeploymentRoleRepository implements PanacheRepositoryBase<DeploymentRole, DeploymentRole.Key> {

    public List<DeploymentRole> ofDeployment(String deploymentId) {
        return list("deploymentId = ?1 order by position", deploymentId);
    }

    public Optional<DeploymentRole> find(String deploymentId, String role) {
        return findByIdOptional(new DeploymentRole.Key(deploymentId, role));
    }

    public long deleteOfDeployment(String deploymentId) {
        return delete("deploymentId", deploymentId);
    }
}
