package org.staypuft.events.provisioning;

import org.staypuft.events.StaypuftEvent;

/** What the discovery image's proxy answered to a reboot request. */
public record RebootCompleted(
        String requestId,
        String deploymentId,
        String runId,
        String stepId,
        String hostId,
        boolean succeeded,
        String reason) implements StaypuftEvent {

    @Override
    public String aggregateId() {
        return hostId;
    }
}
