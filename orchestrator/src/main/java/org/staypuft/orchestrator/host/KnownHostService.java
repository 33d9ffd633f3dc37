package org.staypuft.orchestrator.host;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.staypuft.events.host.HostBuilt;
import org.staypuft.events.host.HostKind;
import org.staypuft.events.host.HostSnapshot;

/** Keeps the host view up to date from host events; the only way the orchestrator learns about hosts. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class KnownHostService {

    @Inject
    KnownHostRepository hosts;

    public void discovered(String hostId, HostSnapshot snapshot) {
        upsert(hostId, HostKind.DISCOVERED, snapshot);
    }

    public void registered(String hostId, HostSnapshot snapshot) {
        upsert(hostId, HostKind.REGISTERED, snapshot);
    }

    /** New facts; a host we never saw is taken for discovered when the discovery image sent them. */
    public void factsUpdated(String hostId, HostSnapshot snapshot) {
        upsert(hostId, null, snapshot);
    }

    /** The installed system's SSH keys replace the discovery image's: the runner checks them strictly. */
    public void built(HostBuilt built) {
        KnownHost host = hosts.findById(built.hostId());
        if (host == null) {
            return; // built before we heard of it: nothing to connect to yet
        }
        host.keys(built.sshHostKeys());
        host.builtAt = now();
        host.updatedAt = host.builtAt;
    }

    private void upsert(String hostId, HostKind kind, HostSnapshot snapshot) {
        if (snapshot == null) {
            return;
        }
        KnownHost host = hosts.findById(hostId);
        boolean fresh = host == null;
        if (fresh) {
            host = new KnownHost();
            host.hostId = hostId;
            host.sshHostKeys = "[]";
        }
        if (kind != null) {
            host.kind = kind;
        } else if (host.kind == null) {
            host.kind = snapshot.discoveryImageVersion() != null ? HostKind.DISCOVERED : HostKind.REGISTERED;
        }
        if (snapshot.name() != null) {
            host.name = snapshot.name();
        } else if (host.name == null) {
            host.name = hostId;
        }
        String address = snapshot.ipv4() != null ? snapshot.ipv4() : snapshot.ipv6();
        if (address != null) {
            host.address = address;
        }
        // Late facts from the discovery image must not bring back its keys once the host was installed.
        boolean staleDiscoveryKeys = host.builtAt != null && snapshot.discoveryImageVersion() != null;
        if (snapshot.sshHostKeys() != null && !staleDiscoveryKeys) {
            host.keys(snapshot.sshHostKeys());
        }
        host.updatedAt = now();
        if (fresh) {
            hosts.persist(host);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
