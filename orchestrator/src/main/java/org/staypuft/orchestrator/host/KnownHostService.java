package org.staypuft.orchestrator.host;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.staypuft.events.UndecodableEventException;
import org.staypuft.events.host.HostBuilt;
import org.staypuft.events.host.HostIdentityChanged;
import org.staypuft.events.host.HostIdentityConflict;
import org.staypuft.events.host.HostIdentityRule;
import org.staypuft.events.host.HostIdentityRule.Identity;
import org.staypuft.events.host.HostIdentityRule.Source;
import org.staypuft.events.host.HostIdentityRule.Standing;
import org.staypuft.events.host.HostIdentityRule.Verdict;
import org.staypuft.events.host.HostKind;
import org.staypuft.events.host.HostSnapshot;
import org.staypuft.events.host.SshAccess;
import org.staypuft.kit.json.JsonColumns;

/** Keeps the host view up to date from host events; the only way the orchestrator learns about hosts. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class KnownHostService {

    private static final Logger LOG = Logger.getLogger(KnownHostService.class);

    @Inject
    KnownHostRepository hosts;

    @Inject
    IdentityConflictRepository conflicts;

    public void discovered(String hostId, HostSnapshot snapshot, boolean inDeployment) {
        claim(hostId, Source.DISCOVERY_UPLOAD, HostKind.DISCOVERED, snapshot, inDeployment);
    }

    /**
     * A registration: authenticated, so its SSH settings (or their absence, which falls back to the role's and the
     * global ones) replace what the host view had.
     */
    public void registered(String hostId, HostSnapshot snapshot, SshAccess ssh, boolean inDeployment) {
        KnownHost host = claim(hostId, Source.REGISTRATION, HostKind.REGISTERED, snapshot, inDeployment);
        if (host != null) {
            host.sshPort = ssh == null ? null : ssh.port();
            host.sshUser = ssh == null ? null : ssh.user();
        }
    }

    /**
     * New facts. They come from discovery uploads only, so they are unauthenticated whatever the snapshot says (a
     * missing {@code discovery_version} makes them no registration).
     */
    public void factsUpdated(String hostId, HostSnapshot snapshot, boolean inDeployment) {
        claim(hostId, Source.DISCOVERY_UPLOAD, HostKind.DISCOVERED, snapshot, inDeployment);
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

    /**
     * An operator decided the host's identity (the registry's {@code host.identity-changed}, source {@code operator}:
     * an accepted claim or a conversion). Authenticated, so it is taken as it is: the runner connects to this address
     * and checks these keys from now on.
     *
     * An accepted claim resolves its conflict and the host's older open ones, as the registry does.
     *
     * @param at the event's time
     * @throws UndecodableEventException for a kind the contract does not know (poison: retrying cannot fix it)
     */
    public void identityChanged(HostIdentityChanged changed, OffsetDateTime at) {
        HostKind kind = java.util.Arrays.stream(HostKind.values())
                .filter(candidate -> candidate.name().equalsIgnoreCase(changed.kind())).findFirst()
                .orElseThrow(() -> new UndecodableEventException("host.identity-changed of host " + changed.hostId()
                        + " names kind '" + changed.kind() + "', neither discovered nor registered"));
        resolveConflicts(changed, at);
        KnownHost host = hosts.findById(changed.hostId());
        if (host == null) {
            return; // its announcement comes first on its partition; nothing to connect to yet
        }
        host.kind = kind;
        host.address = changed.address();
        host.keys(changed.sshHostKeys());
        host.updatedAt = now();
        LOG.infof("Host %s: identity set by %s (%s)", changed.hostId(), changed.source(), changed.reason());
    }

    /**
     * A refused identity claim (the registry's or the listener's {@code host.identity-conflict}): open, so the host
     * API and the dashboard mark the host, until an operator accepts it or a later claim of the host.
     *
     * @param eventId the event's id, which is the conflict's id at the registry
     * @param at the event's time
     */
    public void conflictDetected(String eventId, OffsetDateTime at, HostIdentityConflict conflict) {
        if (conflict.hostId() == null || conflicts.findById(eventId) != null) {
            return;
        }
        conflicts.persist(IdentityConflict.of(eventId, at, conflict));
    }

    /**
     * The registry's rule (its {@code OperatorIdentityService}): the accepted conflict becomes {@code accepted}, the
     * host's open ones detected until then {@code superseded}; later ones stay open, and a conversion resolves none.
     */
    private void resolveConflicts(HostIdentityChanged changed, OffsetDateTime at) {
        if (changed.acceptedConflictId() == null) {
            return;
        }
        IdentityConflict accepted = conflicts.findById(changed.acceptedConflictId());
        if (accepted == null || !accepted.hostId.equals(changed.hostId())) {
            return; // a conflict from before this view's history (or another host's id): nothing to resolve here
        }
        accepted.resolve(IdentityConflict.ACCEPTED, at);
        for (IdentityConflict older : conflicts.openUntil(accepted.hostId, accepted.detectedAt)) {
            older.resolve(IdentityConflict.SUPERSEDED, at);
        }
    }

    /**
     * Applies a host's claimed identity when {@link HostIdentityRule} allows it: an unauthenticated upload never
     * changes the kind, address or keys of a registered, assigned or built host (the registry publishes the
     * conflict; here the claim is only refused).
     *
     * @return the host as it now is, or null when the claim changed nothing
     */
    private KnownHost claim(String hostId, Source source, HostKind kind, HostSnapshot snapshot, boolean inDeployment) {
        if (snapshot == null) {
            return null;
        }
        KnownHost host = hosts.findById(hostId);
        boolean fresh = host == null;
        if (fresh) {
            host = new KnownHost();
            host.hostId = hostId;
            host.sshHostKeys = "[]";
        } else {
            Verdict verdict = HostIdentityRule.judge(source, new Standing(host.kind, inDeployment,
                    host.builtAt != null), new Identity(host.kind, host.address, host.keys()),
                    Identity.of(kind, snapshot));
            if (!verdict.accepted()) {
                LOG.warnf("Host %s: %s; the host view keeps its identity", hostId, verdict.reason(source));
                return null;
            }
        }
        host.kind = kind;
        if (snapshot.name() != null) {
            host.name = snapshot.name();
        } else if (host.name == null) {
            host.name = hostId;
        }
        String address = HostIdentityRule.addressOf(snapshot);
        if (address != null) {
            host.address = address;
        }
        if (snapshot.sshHostKeys() != null) {
            host.keys(snapshot.sshHostKeys());
        }
        if (!inDeployment && host.builtAt == null) {
            // what discovery rules see; a host in a deployment or built keeps the facts it was taken with
            host.facts = JsonColumns.write(snapshot);
        }
        host.updatedAt = now();
        if (fresh) {
            hosts.persist(host);
        }
        return host;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
