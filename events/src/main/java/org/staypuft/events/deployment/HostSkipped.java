package org.staypuft.events.deployment;

import org.staypuft.events.StaypuftEvent;

/** An operator skipped a failed host; the run goes on as if it had succeeded. */
public record HostSkipped(String deploymentId, String runId, String hostId, String role, String skippedBy,
        String reason) implements StaypuftEvent {

    @Override
    public String aggregateId() {
        return deploymentId;
    }
}
