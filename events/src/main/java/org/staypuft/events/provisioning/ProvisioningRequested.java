package org.staypuft.events.provisioning;

import org.staypuft.events.StaypuftEvent;

/**
 * A run needs a discovered host provisioned: the registry issues its one-time build token and renders its
 * templates; environment becomes {@code production}, the build flag stays on until the built callback.
 */
public record ProvisioningRequested(String hostId, String deploymentId, String runId, String stepId)
        implements
            StaypuftEvent {

    @Override
    public String aggregateId() {
        return hostId;
    }
}
