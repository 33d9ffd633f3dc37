package org.staypuft.events.deployment;

import java.util.List;
import java.util.Map;

import org.staypuft.events.StaypuftEvent;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A deployment was created, changed or imported: the whole configuration its hosts' Puppet classification needs,
 * so the host registry can keep the latest one per deployment. Each event replaces the previous one; the events of a
 * deployment are in order on its partition.
 *
 * @param parameters the deployment's parameters, handed to the Puppet classes of every host of the deployment
 * @param roles every role of the deployment (at most 100)
 * @param secretParameters the deployment's secret parameters, names in the clear and each value sealed
 *        ({@code SealedValue}): only a holder of the parameter key (the host registry, for its node classifier) can
 *        read them. Empty for none (and then left out of the JSON, as in events from before they existed).
 */
public record DeploymentConfigured(String deploymentId, String deploymentName, Map<String, String> parameters,
        List<RoleConfiguration> roles,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> secretParameters) implements StaypuftEvent {

    public DeploymentConfigured {
        secretParameters = secretParameters == null ? Map.of() : secretParameters;
    }

    /** A configuration without secret parameters. */
    public DeploymentConfigured(String deploymentId, String deploymentName, Map<String, String> parameters,
            List<RoleConfiguration> roles) {
        this(deploymentId, deploymentName, parameters, roles, Map.of());
    }

    /**
     * The most the payload may take as JSON (UTF-8): with its headers it stays under the contract's 64 KiB per event.
     * Producers refuse a configuration that does not fit rather than splitting it.
     */
    public static final int MAX_PAYLOAD_BYTES = 48 * 1024;

    @Override
    public String aggregateId() {
        return deploymentId;
    }
}
