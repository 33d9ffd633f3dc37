package org.staypuft.registry.lifecycle;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.host.HostDiscovered;
import org.staypuft.events.host.HostIdentityRule.Source;
import org.staypuft.events.host.HostKind;
import org.staypuft.events.host.HostRegistered;
import org.staypuft.events.host.HostSnapshot;
import org.staypuft.registry.identity.HostIdentityGuard;
import org.staypuft.registry.inventory.Host;
import org.staypuft.registry.inventory.HostRepository;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Applies the host lifecycle topic to the inventory.
 * <p>
 * Events about a host the inventory does not know yet are <em>parked</em>, not dropped and not turned into a
 * placeholder host. Different services produce a host's events (the listener announces it, the orchestrator assigns
 * it), so an assignment may in principle arrive before the announcement. A placeholder would have no identity and no
 * kind, and the kind decides what an assignment does (only discovered hosts get the build flag). Parked events are
 * applied, in their original order, right after the host's discovered or registered event, in the same transaction:
 * the result is the same as if everything had arrived in order.
 */
@ApplicationScoped
public class HostLifecycleService {

    private static final Logger LOG = Logger.getLogger(HostLifecycleService.class);

    @Inject
    HostRepository hosts;

    @Inject
    ParkedHostEventRepository parkedEvents;

    @Inject
    HostTransitions transitions;

    @Inject
    HostIdentityGuard identityGuard;

    @Inject
    MeterRegistry registry;

    /** Applies one consumed event; runs in the inbox's transaction that also records the event id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(EventEnvelope event) {
        switch (event.type()) {
            case HOST_DISCOVERED -> {
                HostDiscovered discovered = event.payloadAs(HostDiscovered.class);
                introduce(event, HostKind.DISCOVERED, discovered.host(), discovered.factsDigest());
            }
            case HOST_REGISTERED -> {
                HostRegistered registered = event.payloadAs(HostRegistered.class);
                introduce(event, HostKind.REGISTERED, registered.host(), registered.factsDigest());
            }
            case HOST_IDENTITY_CONFLICT -> identityGuard.record(event);
            case HOST_CONFIGURATION_APPLIED -> {
                // Our own acknowledgement, for the orchestrator: nothing to change, nothing to park.
            }
            default -> change(event);
        }
    }

    private void introduce(EventEnvelope event, HostKind kind, HostSnapshot snapshot, String factsDigest) {
        HostTransitions.requireSnapshot(event, snapshot);
        String hostId = event.payload().aggregateId();
        Host host = hosts.findById(hostId);
        if (host == null) {
            host = kind == HostKind.DISCOVERED
                    ? Host.discovered(hostId, snapshot, factsDigest, event.time())
                    : Host.registered(hostId, snapshot, factsDigest, event.time());
            hosts.persist(host);
        } else {
            Source source = kind == HostKind.DISCOVERED ? Source.DISCOVERY_UPLOAD : Source.REGISTRATION;
            if (!identityGuard.admit(host, source, kind, snapshot)) {
                return; // nothing changes; the conflict is published and recorded
            }
            host.reintroduce(kind, snapshot, factsDigest, event.time());
        }
        applyParked(host);
    }

    private void change(EventEnvelope event) {
        HostChange change = transitions.changeFor(event);
        Host host = hosts.findById(event.payload().aggregateId());
        if (host == null) {
            park(event);
        } else {
            change.applyTo(host);
        }
    }

    private void park(EventEnvelope event) {
        parkedEvents.persist(ParkedHostEvent.of(event, OffsetDateTime.now(ZoneOffset.UTC)));
        registry.counter("staypuft.registry.events.parked", "type", event.type().type()).increment();
        LOG.infof("Parked %s %s: host %s is not in the inventory yet", event.type().type(), event.id(),
                event.payload().aggregateId());
    }

    private void applyParked(Host host) {
        List<ParkedHostEvent> parked = parkedEvents.takeAll(host.getId());
        for (ParkedHostEvent event : parked) {
            transitions.changeFor(event.toEnvelope()).applyTo(host);
            registry.counter("staypuft.registry.events.unparked", "type", event.getEventType()).increment();
        }
        if (!parked.isEmpty()) {
            LOG.infof("Applied %d parked events to host %s", parked.size(), host.getId());
        }
    }
}
