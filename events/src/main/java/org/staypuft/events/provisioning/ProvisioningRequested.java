package org.staypuft.events.provisioning;

import java.time.Instant;

import org.staypuft.events.StartLimit;
import org.staypuft.events.StaypuftEvent;

/**
 * A run needs a discovered host provisioned: the registry issues its one-time build token and renders its
 * templates; environment becomes {@code production}, the build flag stays on until the built callback.
 *
 * @param notAfter the moment (RFC 3339, UTC) after which the host must not be rebooted for this request any more;
 *        the registry passes it on to the reboot command; null (older requesters): no such limit
 */
public record ProvisioningRequested(String hostId, String deploymentId, String runId, String stepId, String notAfter)
        implements
            StaypuftEvent {

    /** A request without a start limit (requesters before {@code notAfter}, tests). */
    public ProvisioningRequested(String hostId, String deploymentId, String runId, String stepId) {
        this(hostId, deploymentId, runId, stepId, null);
    }

    /** The same request with a start limit. */
    public ProvisioningRequested notAfter(Instant limit) {
        return new ProvisioningRequested(hostId, deploymentId, runId, stepId, StartLimit.text(limit));
    }

    @Override
    public String aggregateId() {
        return hostId;
    }
}
