package org.staypuft.events.deployment;

import java.util.List;
import java.util.Map;

import org.staypuft.events.StaypuftEvent;

/**
 * A deployment was created, changed or imported: the whole configuration its hosts' Puppet classification needs,
 * so the host registry can keep the latest one per deployment. Each event replaces the previous one; the events of a
 * deployment are in order on its partition.
 *
 * @param parameters the deployment's parameters, handed to the Puppet classes of every host of the deployment
 * @param roles every role of the deployment (at most 100)
 */
public record DeploymentConfigured(String deploymentId, String deploymentName, Map<String, String> parameters,
        List<RoleConfiguration> roles) implements StaypuftEvent {

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
