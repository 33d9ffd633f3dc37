package org.staypuft.events.puppet;

import org.staypuft.events.StaypuftEvent;

/** The runner opened the SSH session and started the puppet command. */
public record PuppetRunStarted(String requestId, String deploymentId, String runId, String stepId, String hostId,
        int attempt) implements StaypuftEvent {

    @Override
    public String aggregateId() {
        return hostId;
    }
}
