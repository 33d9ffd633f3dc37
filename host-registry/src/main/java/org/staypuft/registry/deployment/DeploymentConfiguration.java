package org.staypuft.registry.deployment;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.staypuft.events.deployment.DeploymentConfigured;
import org.staypuft.events.deployment.RoleConfiguration;
import org.staypuft.kit.json.JsonColumns;

/**
 * The latest configuration of a deployment as the orchestrator published it: what the node classifier adds to the
 * hosts of the deployment (parameters) and of each role (Puppet classes, parameters). Replaced as a whole by each
 * deployment-configured event.
 */
@Entity
@Table(name = "deployment_configuration")
public class DeploymentConfiguration {

    @Id
    @Column(name = "deployment_id")
    private String deploymentId;

    @Column(name = "deployment_name", nullable = false)
    private String deploymentName;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String parameters;

    /** Sealed values (service-kit SealedValues), opened only for the node classifier's answer. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "secret_parameters", nullable = false)
    private String secretParameters;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String roles;

    /** The event's time, not when it was consumed. */
    @Column(name = "configured_at", nullable = false)
    private OffsetDateTime configuredAt;

    protected DeploymentConfiguration() {
        // for Hibernate
    }

    DeploymentConfiguration(String deploymentId) {
        this.deploymentId = deploymentId;
    }

    void replace(DeploymentConfigured configured, OffsetDateTime at) {
        this.deploymentName = configured.deploymentName();
        this.parameters = JsonColumns.write(configured.parameters());
        this.secretParameters = JsonColumns.write(configured.secretParameters());
        this.roles = JsonColumns.write(configured.roles());
        this.configuredAt = at;
    }

    public String getDeploymentId() {
        return deploymentId;
    }

    public String getDeploymentName() {
        return deploymentName;
    }

    /** The deployment's parameters, for every host of it. */
    public Map<String, String> getParameters() {
        return JsonColumns.stringMap(parameters);
    }

    /** The deployment's secret parameters, sealed. */
    public Map<String, String> getSealedSecretParameters() {
        return JsonColumns.stringMap(secretParameters);
    }

    /** The role of this name, if the configuration has it. */
    public Optional<RoleConfiguration> role(String name) {
        return JsonColumns.list(roles, RoleConfiguration.class).stream().filter(role -> role.name().equals(name))
                .findFirst();
    }

    public OffsetDateTime getConfiguredAt() {
        return configuredAt;
    }
}
