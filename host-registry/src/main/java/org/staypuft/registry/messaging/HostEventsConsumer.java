package org.staypuft.registry.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.staypuft.kit.inbox.EventInbox;
import org.staypuft.registry.lifecycle.HostLifecycleService;

import io.smallrye.common.annotation.Blocking;

/** The host lifecycle topic into the inventory, each event once; a poison record goes to the dead-letter topic. */
@ApplicationScoped
public class HostEventsConsumer {

    @Inject
    EventInbox inbox;

    @Inject
    HostLifecycleService lifecycle;

    @Incoming(Channels.HOST_EVENTS)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        inbox.process(Channels.HOST_EVENTS_CONSUMER, record, lifecycle::apply);
    }
}
