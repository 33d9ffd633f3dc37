package org.staypuft.registry.deployment;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class DeploymentConfigurationRepository implements PanacheRepositoryBase<DeploymentConfiguration, String> {
}
