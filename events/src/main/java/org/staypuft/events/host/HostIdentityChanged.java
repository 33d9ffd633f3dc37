package org.staypuft.events.host;

import java.util.List;

import org.staypuft.events.StaypuftEvent;

/**
 * An operator changed a host's identity ({@link HostIdentityRule.Source#OPERATOR}): accepted a refused claim (a
 * {@link HostIdentityConflict}: its address and SSH host keys are now the host's), or converted the host between
 * discovered and registered. Published by the host-registry, the owner of host identity; the orchestrator's host view
 * and the discovery-listener take the identity as it is here, whatever they held before.
 *
 * @param source who changed it: {@code operator}
 * @param kind the host's kind from now on: {@code discovered} or {@code registered}
 * @param address the host's address from now on (IPv4, else IPv6), null when it has none
 * @param sshHostKeys the host's SSH host keys from now on (at most 16)
 * @param acceptedConflictId the id of the {@code host.identity-conflict} event whose claim was accepted; null for a
 *        conversion
 * @param reason for operators: who did what
 */
public record HostIdentityChanged(String hostId, String source, String kind, String address,
        List<SshHostKey> sshHostKeys, String acceptedConflictId, String reason) implements StaypuftEvent {

    @Override
    public String aggregateId() {
        return hostId;
    }
}
