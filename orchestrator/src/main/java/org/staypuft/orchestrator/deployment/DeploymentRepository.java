package org.staypuft.orchestrator.deployment;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class DeploymentRepository implements PanacheRepositoryBase<Deployment, String> {

    public Optional<Deployment> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    public List<Deployment> listByName() {
        return list("order by name");
    }
}
