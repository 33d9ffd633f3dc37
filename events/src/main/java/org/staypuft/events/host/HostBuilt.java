package org.staypuft.events.host;

import java.util.List;

import org.staypuft.events.StaypuftEvent;

/**
 * A provisioned host finished its installation and called back with its one-time build token. Its new SSH host
 * keys replace the discovery image's.
 */
public record HostBuilt(String hostId, String deploymentId, List<SshHostKey> sshHostKeys) implements StaypuftEvent {

    @Override
    public String aggregateId() {
        return hostId;
    }
}
