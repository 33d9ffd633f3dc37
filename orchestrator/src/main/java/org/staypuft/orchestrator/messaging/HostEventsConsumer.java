package org.staypuft.orchestrator.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.host.HostBuilt;
import org.staypuft.events.host.HostConfigurationApplied;
import org.staypuft.events.host.HostDiscovered;
import org.staypuft.events.host.HostFactsUpdated;
import org.staypuft.events.host.HostIdentityChanged;
import org.staypuft.events.host.HostIdentityConflict;
import org.staypuft.events.host.HostRegistered;
import org.staypuft.kit.inbox.EventInbox;
import org.staypuft.orchestrator.deployment.HostAssignmentRepository;
import org.staypuft.orchestrator.discovery.DiscoveryRuleService;
import org.staypuft.orchestrator.host.KnownHostService;
import org.staypuft.orchestrator.run.engine.RunEngine;

import io.smallrye.common.annotation.Blocking;

/**
 * Host events build the host view; a discovered, registered or re-described free host goes through the discovery
 * rules (in the same inbox transaction: once per event, ADR 0018); a built callback moves the host's provisioning
 * step, a configuration-applied acknowledgement the step that waited for it. Our own events on the topic (assigned,
 * configuration changed...) are skipped.
 */
@ApplicationScoped
public class HostEventsConsumer {

    @Inject
    EventInbox inbox;

    @Inject
    KnownHostService knownHosts;

    @Inject
    RunEngine engine;

    @Inject
    HostAssignmentRepository assignments;

    @Inject
    DiscoveryRuleService discoveryRules;

    @Incoming(Channels.HOST_EVENTS)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        inbox.process(Channels.HOST_VIEW_CONSUMER, record, this::apply);
    }

    /** Assigned to a deployment: its identity is protected from unauthenticated uploads. */
    private boolean inDeployment(String hostId) {
        return assignments.findById(hostId) != null;
    }

    private void apply(EventEnvelope event) {
        switch (event.type()) {
            case HOST_DISCOVERED -> {
                HostDiscovered discovered = event.payloadAs(HostDiscovered.class);
                knownHosts.discovered(discovered.hostId(), discovered.host(), inDeployment(discovered.hostId()));
                discoveryRules.hostDescribed(discovered.hostId());
            }
            case HOST_REGISTERED -> {
                HostRegistered registered = event.payloadAs(HostRegistered.class);
                knownHosts.registered(registered.hostId(), registered.host(), registered.ssh(),
                        inDeployment(registered.hostId()));
                discoveryRules.hostDescribed(registered.hostId());
            }
            case HOST_FACTS_UPDATED -> {
                HostFactsUpdated updated = event.payloadAs(HostFactsUpdated.class);
                knownHosts.factsUpdated(updated.hostId(), updated.host(), inDeployment(updated.hostId()));
                discoveryRules.hostDescribed(updated.hostId());
            }
            case HOST_BUILT -> {
                HostBuilt built = event.payloadAs(HostBuilt.class);
                knownHosts.built(built);
                engine.onHostBuilt(built.hostId());
            }
            case HOST_IDENTITY_CHANGED -> knownHosts.identityChanged(event.payloadAs(HostIdentityChanged.class),
                    event.time());
            case HOST_IDENTITY_CONFLICT -> knownHosts.conflictDetected(event.id(), event.time(),
                    event.payloadAs(HostIdentityConflict.class));
            case HOST_CONFIGURATION_APPLIED -> engine.onConfigurationApplied(
                    event.payloadAs(HostConfigurationApplied.class));
            default -> {
                // our own events on this topic (assigned, configuration changed...) and the registry's others
            }
        }
    }
}
