package org.staypuft.orchestrator.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.StaypuftEvent;
import org.staypuft.events.host.HostBuilt;
import org.staypuft.events.host.HostConfigurationApplied;
import org.staypuft.events.host.HostDiscovered;
import org.staypuft.events.host.HostFactsUpdated;
import org.staypuft.events.host.HostRegistered;
import org.staypuft.kit.inbox.EventInbox;
import org.staypuft.orchestrator.host.HostViewService;
import org.staypuft.orchestrator.run.RunEngine;

import io.smallrye.common.annotation.Blocking;

/**
 * Host events build the host view; a built callback moves the host's provisioning step, a configuration-applied
 * acknowledgement the step that waited for it. Our own events on the topic (assigned, configuration changed...) are
 * skipped.
 */
@ApplicationScoped
public class HostEventsConsumer {

    @Inject
    EventInbox inbox;

    @Inject
    HostViewService hostViews;

    @Inject
    RunEngine engine;

    @Incoming(Channels.HOST_EVENTS)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        inbox.process(Channels.HOST_VIEW_CONSUMER, record, this::apply);
    }

    private void apply(EventEnvelope event) {
        StaypuftEvent payload = event.payload();
        if (payload instanceof HostDiscovered discovered) {
            hostViews.discovered(discovered.hostId(), discovered.host());
        } else if (payload instanceof HostRegistered registered) {
            hostViews.registered(registered.hostId(), registered.host());
        } else if (payload instanceof HostFactsUpdated updated) {
            hostViews.factsUpdated(updated.hostId(), updated.host());
        } else if (payload instanceof HostBuilt built) {
            hostViews.built(built);
            engine.onHostBuilt(built.hostId());
        } else if (payload instanceof HostConfigurationApplied applied) {
            engine.onConfigurationApplied(applied);
        }
    }
}
