package org.staypuft.events.host;

import org.staypuft.events.StaypuftEvent;

/**
 * The puppet environment or the puppet-management class's runmode of a host changed; the node classifier answers
 * with the new values from now on.
 *
 * @param environment {@code discovery} or {@code production}
 * @param runmode {@code none} (agent service stopped and disabled) or {@code service}
 */
public record HostConfigurationChanged(String hostId, String deploymentId, String environment, String runmode)
        implements
            StaypuftEvent {

    @Override
    public String aggregateId() {
        return hostId;
    }
}
