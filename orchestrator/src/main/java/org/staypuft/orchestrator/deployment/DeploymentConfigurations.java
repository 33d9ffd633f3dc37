package org.staypuft.orchestrator.deployment;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.staypuft.events.EventCodec;
import org.staypuft.events.deployment.DeploymentConfigured;
import org.staypuft.events.deployment.RoleConfiguration;
import org.staypuft.kit.problem.FieldError;

/**
 * A deployment's configuration as the host registry's node classifier needs it: the deployment-configured event
 * published on every create, update and import.
 */
final class DeploymentConfigurations {

    private DeploymentConfigurations() {
    }

    /** @param sealedSecrets the deployment's secret parameters, sealed; the roles' are sealed in their entities */
    static DeploymentConfigured of(String deploymentId, String name, Map<String, String> parameters,
            Map<String, String> sealedSecrets, List<DeploymentRole> roles) {
        return new DeploymentConfigured(deploymentId, name, parameters == null ? Map.of() : parameters,
                roles.stream().map(role -> new RoleConfiguration(role.name, role.puppetClassList(),
                        role.parameterMap(), role.sealedSecretParameters())).toList(),
                sealedSecrets);
    }

    /**
     * The event must stay under the contract's size limit; a configuration that large belongs in Hiera, not in
     * classifier parameters.
     */
    static Optional<FieldError> tooLarge(DeploymentConfigured configured) {
        int bytes = EventCodec.encodePayload(configured).length;
        if (bytes <= DeploymentConfigured.MAX_PAYLOAD_BYTES) {
            return Optional.empty();
        }
        return Optional.of(new FieldError("parameters", "parameters, Puppet classes and role parameters take " + bytes
                + " bytes as JSON, at most " + DeploymentConfigured.MAX_PAYLOAD_BYTES + ": they travel to the "
                + "host registry in one event; keep large data out of them (e.g. in Hiera)"));
    }
}
