package org.staypuft.events.host;

import org.staypuft.events.StaypuftEvent;

/**
 * A host was assigned to a role of a deployment. The registry makes it managed, sets its role, the build flag and
 * the {@code discovery} environment.
 */
public record HostAssigned(
        String hostId,
        String deploymentId,
        String deploymentName,
        String role,
        String environment) implements StaypuftEvent {

    @Override
    public String aggregateId() {
        return hostId;
    }
}
