package org.staypuft.registry.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.staypuft.kit.inbox.EventInbox;
import org.staypuft.registry.facts.HostFactsService;

import io.smallrye.common.annotation.Blocking;

/** The compacted facts topic into the raw facts store; a poison record goes to the dead-letter topic. */
@ApplicationScoped
public class HostFactsConsumer {

    @Inject
    EventInbox inbox;

    @Inject
    HostFactsService facts;

    @Incoming(Channels.HOST_FACTS)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        inbox.process(Channels.HOST_FACTS_CONSUMER, record, facts::record);
    }
}
