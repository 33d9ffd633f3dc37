package org.staypuft.events.host;

import org.staypuft.events.StaypuftEvent;

/**
 * A host ran the client installer and registered with its token (scenario 2: we cannot provision it).
 *
 * @param factsDigest SHA-256 of the raw facts it sent, or null when it sent none
 * @param ssh the SSH port and login user the registration named, or null (added in place: an optional field, the
 *        event stays v1; readers before it ignore it)
 */
public record HostRegistered(String hostId, HostSnapshot host, String factsDigest, SshAccess ssh)
        implements
            StaypuftEvent {

    /** A registration that names no SSH settings. */
    public HostRegistered(String hostId, HostSnapshot host, String factsDigest) {
        this(hostId, host, factsDigest, null);
    }

    @Override
    public String aggregateId() {
        return hostId;
    }
}
