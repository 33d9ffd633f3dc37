package org.staypuft.orchestrator.deployment;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.staypuft.kit.json.JsonColumns;

/** A role of a deployment with every setting resolved (defaults applied when it was saved). */
@Entity
@Table(name = "deployment_role")
@IdClass(DeploymentRole.Key.class)
public class DeploymentRole {

    @Id
    @Column(name = "deployment_id")
    public String deploymentId;

    @Id
    public String name;

    /** Definition order: decides the order of independent roles. */
    @Column(nullable = false)
    public int position;

    /** Comma-separated role names. */
    @Column(name = "depends_on", nullable = false)
    public String dependsOn;

    @Embedded
    public RolePolicy policy = new RolePolicy();

    @Column(name = "min_hosts", nullable = false)
    public int minHosts;

    /** Null: no limit. */
    @Column(name = "max_hosts")
    public Integer maxHosts;

    /** JSON array of the role's Puppet classes, in the operator's order. */
    @Column(name = "puppet_classes", nullable = false)
    public String puppetClasses;

    /** JSON object of string values; on the role's hosts they override the deployment's parameters. */
    @Column(nullable = false)
    public String parameters;

    /** JSON object of sealed values (service-kit SealedValues); on the role's hosts they override the deployment's. */
    @Column(name = "secret_parameters", nullable = false)
    public String secretParameters = "{}";

    public List<String> puppetClassList() {
        return JsonColumns.list(puppetClasses, String.class);
    }

    public Map<String, String> parameterMap() {
        return JsonColumns.stringMap(parameters);
    }

    public Map<String, String> sealedSecretParameters() {
        return JsonColumns.stringMap(secretParameters);
    }

    public static class Key implements Serializable {

        public String deploymentId;
        public String name;

        public Key() {
        }

        public Key(String deploymentId, String name) {
            this.deploymentId = deploymentId;
            this.name = name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key key && Objects.equals(deploymentId, key.deploymentId)
                    && Objects.equals(name, key.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(deploymentId, name);
        }
    }
}
