package org.staypuft.registry.lifecycle;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.UndecodableEventException;
import org.staypuft.events.host.HostAssigned;
import org.staypuft.events.host.HostBuilt;
import org.staypuft.events.host.HostConfigurationChanged;
import org.staypuft.events.host.HostFactsUpdated;
import org.staypuft.events.host.HostIdentityChanged;
import org.staypuft.events.host.HostIdentityRule.Source;
import org.staypuft.events.host.HostKind;
import org.staypuft.events.host.HostSnapshot;
import org.staypuft.events.host.HostState;
import org.staypuft.events.host.HostStateChanged;
import org.staypuft.events.host.HostUnassigned;
import org.staypuft.events.host.Runmode;
import org.staypuft.events.provisioning.ProvisioningRequested;
import org.staypuft.registry.classification.ClassificationAcknowledgement;
import org.staypuft.registry.identity.HostIdentityGuard;
import org.staypuft.registry.identity.OperatorIdentityService;
import org.staypuft.registry.inventory.HostKinds;
import org.staypuft.registry.provisioning.BuildTokenRepository;
import org.staypuft.registry.provisioning.ProvisioningService;

/**
 * Maps each lifecycle event of a known host to its {@link HostChange}. Values the contract does not allow (a state
 * or runmode nobody knows) are refused here, before the event is applied or parked, as a poison message: retrying
 * cannot fix them and a parked one would later poison the host's discovered event.
 * <p>
 * Some changes publish in the same transaction: the acknowledgement of a configuration change, the reboot request of
 * a provisioning request.
 */
@ApplicationScoped
class HostTransitions {

    private static final Logger LOG = Logger.getLogger(HostTransitions.class);

    @Inject
    ClassificationAcknowledgement acknowledgement;

    @Inject
    ProvisioningService provisioning;

    @Inject
    BuildTokenRepository buildTokens;

    @Inject
    HostIdentityGuard identityGuard;

    @Inject
    OperatorIdentityService operatorIdentity;

    HostChange changeFor(EventEnvelope event) {
        OffsetDateTime at = event.time();
        return switch (event.type()) {
            case HOST_FACTS_UPDATED -> {
                HostFactsUpdated updated = event.payloadAs(HostFactsUpdated.class);
                requireSnapshot(event, updated.host());
                // Facts updates come from discovery uploads only: unauthenticated.
                yield host -> {
                    if (identityGuard.admit(host, Source.DISCOVERY_UPLOAD, HostKind.DISCOVERED, updated.host())) {
                        host.refreshFacts(updated.host(), updated.factsDigest(), at);
                    }
                };
            }
            case HOST_ASSIGNED -> {
                HostAssigned assigned = event.payloadAs(HostAssigned.class);
                yield host -> host.assign(assigned.deploymentId(), assigned.deploymentName(), assigned.role(),
                        assigned.environment(), at);
            }
            case HOST_UNASSIGNED -> {
                HostUnassigned unassigned = event.payloadAs(HostUnassigned.class);
                yield host -> {
                    if (host.unassign(unassigned.deploymentId(), at)) {
                        // Out of build mode: an installer still running for the deployment may not call back.
                        buildTokens.revokeIssuedBefore(host.getId(), at, OffsetDateTime.now(ZoneOffset.UTC));
                    } else {
                        LOG.infof("Ignoring stale unassignment %s of host %s from deployment %s: it belongs to %s",
                                event.id(), host.getId(), unassigned.deploymentId(), host.getDeploymentId());
                    }
                };
            }
            case HOST_CONFIGURATION_CHANGED -> {
                HostConfigurationChanged changed = event.payloadAs(HostConfigurationChanged.class);
                Runmode runmode = changed.runmode() == null
                        ? null
                        : Runmode.fromWire(changed.runmode()).orElseThrow(() -> refused(event,
                                "runmode '" + changed.runmode() + "' is not one of " + Runmode.wireNames()));
                yield host -> {
                    host.changeConfiguration(changed.environment(), runmode, at);
                    acknowledgement.applied(host, changed, event.id());
                };
            }
            case HOST_STATE_CHANGED -> {
                HostStateChanged changed = event.payloadAs(HostStateChanged.class);
                HostState state = HostState.fromWire(changed.state()).orElseThrow(() -> refused(event,
                        "state '" + changed.state() + "' is not one of " + HostState.wireNames()));
                yield host -> host.changeState(state, changed.reason(), at);
            }
            case PROVISIONING_REQUESTED -> {
                ProvisioningRequested requested = event.payloadAs(ProvisioningRequested.class);
                yield host -> provisioning.provision(host, requested, event);
            }
            case HOST_BUILT -> {
                // Usually our own, from the built callback (applying it again changes nothing); on a rebuild of the
                // inventory from the topic, the record of a build whose tokens must not call back again.
                HostBuilt built = event.payloadAs(HostBuilt.class);
                yield host -> {
                    host.built(built.sshHostKeys(), at);
                    buildTokens.revokeIssuedBefore(host.getId(), at, OffsetDateTime.now(ZoneOffset.UTC));
                };
            }
            case HOST_IDENTITY_CHANGED -> {
                // Usually our own (the operator's action applied it already: applying it again changes nothing).
                HostIdentityChanged changed = event.payloadAs(HostIdentityChanged.class);
                HostKind kind = HostKinds.fromWire(changed.kind()).orElseThrow(() -> refused(event,
                        "kind '" + changed.kind() + "' is not one of " + HostKinds.wireNames()));
                yield host -> operatorIdentity.apply(host, event, kind);
            }
            default -> {
                LOG.warnf("Event %s of type %s is no host lifecycle change; ignored", event.id(), event.type().type());
                yield host -> {
                };
            }
        };
    }

    /** Identity is what the inventory cannot do without: a snapshot with a name and a MAC. */
    static void requireSnapshot(EventEnvelope event, HostSnapshot snapshot) {
        if (snapshot == null) {
            throw refused(event, "it carries no host snapshot");
        }
        if (isBlank(snapshot.name()) || isBlank(snapshot.mac())) {
            throw refused(event, "its host snapshot lacks a name or a MAC");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    static UndecodableEventException refused(EventEnvelope event, String why) {
        return new UndecodableEventException(
                "Event " + event.id() + " (" + event.type().type() + ") cannot be applied: " + why);
    }
}
