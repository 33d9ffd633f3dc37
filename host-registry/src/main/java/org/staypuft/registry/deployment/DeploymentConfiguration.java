package org.staypuft.registry.deployment;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.staypuft.events.EventCodec;
import org.staypuft.events.deployment.DeploymentConfigured;
import org.staypuft.events.deployment.RoleConfiguration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

/**
 * The latest configuration of a deployment as the orchestrator published it: what the node classifier adds to the
 * hosts of the deployment (parameters) and of each role (Puppet classes, parameters). Replaced as a whole by each
 * deployment-configured event.
 */
@Entity
@Table(name = "deployment_configuration")
public class DeploymentConfiguration {

    private static final TypeReference<Map<String, String>> PARAMETERS = new TypeReference<>() {
    };
    private static final TypeReference<List<RoleConfiguration>> ROLES = new TypeReference<>() {
    };

    @Id
    @Column(name = "deployment_id")
    private String deploymentId;

    @Column(name = "deployment_name", nullable = false)
    private String deploymentName;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String parameters;

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
        this.parameters = write(configured.parameters());
        this.roles = write(configured.roles());
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
        return read(parameters, PARAMETERS);
    }

    /** The role of this name, if the configuration has it. */
    public Optional<RoleConfiguration> role(String name) {
        return read(roles, ROLES).stream().filter(role -> role.name().equals(name)).findFirst();
    }

    public OffsetDateTime getConfiguredAt() {
        return configuredAt;
    }

    private static String write(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot store " + value, e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return EventCodec.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored deployment configuration is unreadable", e);
        }
    }
}
