package org.staypuft.events.host;

import org.staypuft.events.StaypuftEvent;

/**
 * A host was assigned to a role of a deployment. The registry makes it managed, sets its role, the build flag and
 * the {@code discovery} environment.
 *
 * @param rule the discovery rule that assigned the host; null when an operator did (optional, added in issue 17)
 * @param hostName the name the rule's host-name pattern gave the host (e.g. {@code compute-3}); null when an
 *        operator assigned it or the rule has no pattern (optional, added in issue 17)
 */
public record HostAssigned(
        String hostId,
        String deploymentId,
        String deploymentName,
        String role,
        String environment,
        String rule,
        String hostName) implements StaypuftEvent {

    /** Assigned by an operator: no rule, no given name. */
    public HostAssigned(String hostId, String deploymentId, String deploymentName, String role, String environment) {
        this(hostId, deploymentId, deploymentName, role, environment, null, null);
    }

    @Override
    public String aggregateId() {
        return hostId;
    }
}
