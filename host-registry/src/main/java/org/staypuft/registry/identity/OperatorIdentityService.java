package org.staypuft.registry.identity;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.host.HostIdentityChanged;
import org.staypuft.events.host.HostIdentityConflict;
import org.staypuft.events.host.HostIdentityRule.Source;
import org.staypuft.events.host.HostKind;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.kit.outbox.Outbox;
import org.staypuft.kit.problem.ProblemException;
import org.staypuft.registry.inventory.Host;
import org.staypuft.registry.inventory.HostKinds;
import org.staypuft.registry.inventory.HostNotFoundException;
import org.staypuft.registry.inventory.HostRepository;

/**
 * The operator's side of the one rule of host identity ({@code HostIdentityRule}, source {@code operator}): accept a
 * refused claim (a {@link HostIdentityConflict}: its address and SSH host keys become the host's) or convert a host
 * between discovered and registered. The registry owns host identity (the inventory, key provenance and the recorded
 * conflicts), so the actions are here; each publishes {@code host.identity-changed} through the outbox in the
 * transaction that changes the host, and the orchestrator's host view and the listener follow it.
 */
@ApplicationScoped
public class OperatorIdentityService {

    private static final Logger LOG = Logger.getLogger(OperatorIdentityService.class);

    static final String ACCEPTED = "accepted";
    static final String SUPERSEDED = "superseded";

    @Inject
    HostRepository hosts;

    @Inject
    IdentityConflictRepository conflicts;

    @Inject
    Outbox outbox;

    /**
     * Applies the claim of an open conflict: the host keeps its kind and place, and takes the claimed address and
     * SSH host keys. The conflict is accepted, the host's older open ones superseded.
     *
     * @throws HostNotFoundException 404
     * @throws ProblemException 404 when the host has no such conflict, 409 when it is no longer open
     */
    @Transactional
    public void accept(String hostId, String conflictId, String operator) {
        Host host = host(hostId);
        IdentityConflict conflict = conflicts.findById(conflictId);
        if (conflict == null || !conflict.getHostId().equals(hostId)) {
            throw ProblemException.notFound("conflictId", "host '" + hostId + "' has no identity conflict '"
                    + conflictId + "' (GET /api/v1/hosts/" + hostId + "/identity-conflicts lists them)");
        }
        if (!conflict.isOpen()) {
            throw ProblemException.conflict("conflictId", "identity conflict '" + conflictId + "' of host '" + hostId
                    + "' is no longer open: it was " + conflict.getResolution() + " at " + conflict.getResolvedAt()
                    + "; nothing changed");
        }
        List<SshHostKey> keys = conflict.getClaimedSshHostKeys();
        publishAndApply(host, new HostIdentityChanged(hostId, Source.OPERATOR.wireName(),
                HostKinds.wireName(host.getKind()), conflict.getClaimedAddress(), keys, conflictId,
                "operator " + operator + " accepted the claim of identity conflict " + conflictId + " ("
                        + conflict.getSource() + " detected by " + conflict.getDetectedBy() + "): address "
                        + conflict.getClaimedAddress() + ", " + keys.size() + " SSH host key(s)"));
    }

    /**
     * Converts a host that is in no deployment to the other kind; its address and keys stay.
     *
     * @throws HostNotFoundException 404
     * @throws ProblemException 409 when it already is of that kind or is in a deployment
     */
    @Transactional
    public void convert(String hostId, HostKind kind, String operator) {
        Host host = host(hostId);
        if (host.getKind() == kind) {
            throw ProblemException.conflict("kind", "host '" + hostId + "' already is " + HostKinds.wireName(kind)
                    + "; nothing changed");
        }
        if (host.getDeploymentId() != null) {
            throw ProblemException.conflict("kind", "host '" + hostId + "' is in deployment '"
                    + host.getDeploymentId() + "' (" + host.getState().wireName() + "): its kind decides how the "
                    + "deployment prepares it, so unassign it before converting it; nothing changed");
        }
        publishAndApply(host, new HostIdentityChanged(hostId, Source.OPERATOR.wireName(), HostKinds.wireName(kind),
                host.address(), host.getSshHostKeys(), null, "operator " + operator + " converted the host from "
                        + HostKinds.wireName(host.getKind()) + " to " + HostKinds.wireName(kind)));
    }

    /**
     * A {@code host.identity-changed}: ours as we publish it, and again when consumed (changing nothing), or on a
     * rebuild of the inventory from the topic.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(Host host, EventEnvelope event, HostKind kind) {
        HostIdentityChanged changed = event.payloadAs(HostIdentityChanged.class);
        if (changed.acceptedConflictId() != null) {
            host.acceptIdentity(changed.address(), changed.sshHostKeys(), event.time());
            IdentityConflict accepted = conflicts.findById(changed.acceptedConflictId());
            if (accepted != null) {
                accepted.resolve(ACCEPTED, event.id(), event.time());
                for (IdentityConflict older : conflicts.openUntil(host.getId(), accepted.getDetectedAt())) {
                    older.resolve(SUPERSEDED, event.id(), event.time());
                }
            }
        }
        if (host.getKind() != kind) {
            host.convert(kind, event.time());
        }
    }

    private void publishAndApply(Host host, HostIdentityChanged changed) {
        EventEnvelope published = outbox.publish(changed);
        apply(host, published, HostKinds.fromWire(changed.kind()).orElseThrow());
        LOG.infof("Host %s: %s", host.getId(), changed.reason());
    }

    private Host host(String hostId) {
        Host host = hosts.findById(hostId);
        if (host == null) {
            throw new HostNotFoundException(hostId);
        }
        return host;
    }
}
