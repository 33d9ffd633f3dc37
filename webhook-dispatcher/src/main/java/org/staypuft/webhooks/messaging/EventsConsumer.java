package org.staypuft.webhooks.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.staypuft.kit.inbox.EventInbox;
import org.staypuft.webhooks.delivery.CloudEventsHttp;
import org.staypuft.webhooks.delivery.DeliveryService;

import io.smallrye.common.annotation.Blocking;

/**
 * Every topic of the contract but the raw facts: each event goes through the kit's inbox, which records its id in
 * the transaction that records its deliveries (one per subscription that wants it). Nothing is sent from here: the
 * delivery workers do that, so a slow receiver never holds a partition. A record that cannot be decoded or recorded
 * goes to {@code staypuft.dead-letter.webhook-dispatcher} and the partition goes on.
 */
@ApplicationScoped
public class EventsConsumer {

    @Inject
    EventInbox inbox;

    @Inject
    DeliveryService deliveries;

    @Incoming(Channels.HOST_EVENTS)
    @Blocking
    public void hostEvents(ConsumerRecord<String, byte[]> record) {
        consume(record);
    }

    @Incoming(Channels.PUPPET_COMMANDS)
    @Blocking
    public void puppetCommands(ConsumerRecord<String, byte[]> record) {
        consume(record);
    }

    @Incoming(Channels.PUPPET_RESULTS)
    @Blocking
    public void puppetResults(ConsumerRecord<String, byte[]> record) {
        consume(record);
    }

    @Incoming(Channels.DEPLOYMENT_EVENTS)
    @Blocking
    public void deploymentEvents(ConsumerRecord<String, byte[]> record) {
        consume(record);
    }

    private void consume(ConsumerRecord<String, byte[]> record) {
        inbox.process(Channels.EVENTS_CONSUMER, record, event -> deliveries.recordMatching(event,
                CloudEventsHttp.headersOf(record.headers()), record.value()));
    }
}
