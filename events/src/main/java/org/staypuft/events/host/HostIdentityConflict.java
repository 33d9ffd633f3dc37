package org.staypuft.events.host;

import java.util.List;

import org.staypuft.events.StaypuftEvent;

/**
 * An unauthenticated source (a facts upload) claimed another kind, address or SSH host keys for a host whose identity
 * is protected ({@link HostIdentityRule}): nothing changed, and operators see the claim in {@code staypuft hosts show}.
 * Published by the service that refused the claim (the discovery-listener for a registered host's MAC, the
 * host-registry for a host in a deployment or built).
 *
 * @param source who made the claim: {@code discovery-upload}, or {@code registration} (a token not bound to the host)
 * @param attributes what it would have changed: {@code kind}, {@code address}, {@code sshHostKeys}
 * @param claimedKind the kind the claim came as ({@code discovered} or {@code registered})
 * @param claimedAddress the address it claimed, null when none
 * @param claimedSshHostKeys the keys it claimed (at most 16)
 * @param reason for operators
 */
public record HostIdentityConflict(String hostId, String source, List<String> attributes, String claimedKind,
        String claimedAddress, List<SshHostKey> claimedSshHostKeys, String reason) implements StaypuftEvent {

    /** The claimed keys an event carries at most. */
    public static final int MAX_KEYS = 16;

    @Override
    public String aggregateId() {
        return hostId;
    }
}
