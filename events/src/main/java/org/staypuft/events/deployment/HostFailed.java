package org.staypuft.events.deployment;

import org.staypuft.events.StaypuftEvent;

/**
 * A host failed a phase of the run; its agent stays disabled.
 *
 * @param phase {@code prepare}, {@code provision}, {@code deploy} or {@code enable-agent}
 */
public record HostFailed(String deploymentId, String runId, String hostId, String role, String phase, String reason)
        implements
            StaypuftEvent {

    @Override
    public String aggregateId() {
        return deploymentId;
    }
}
