package org.staypuft.events.deployment;

import java.util.List;

import org.staypuft.events.StaypuftEvent;

/** The run ended with failed roles; agents of its hosts stay disabled until a retry succeeds. */
public record DeploymentFailed(String deploymentId, String runId, List<String> failedRoles, int failedHosts,
        String reason) implements StaypuftEvent {

    @Override
    public String aggregateId() {
        return deploymentId;
    }
}
