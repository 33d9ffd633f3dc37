package org.staypuft.listener.messaging;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.staypuft.events.CloudEventHeaders;
import org.staypuft.events.EventCodec;
import org.staypuft.events.EventType;
import org.staypuft.kit.inbox.EventInbox;
import org.staypuft.listener.host.HostEventsService;

import io.smallrye.common.annotation.Blocking;

/**
 * The host topic, for {@code host.built}, {@code host.identity-changed}, {@code host.assigned} and
 * {@code host.unassigned} only: every other type of the contract
 * (most of the topic, several per host of a run) is skipped before the inbox, without a transaction. Those two go
 * through the kit's inbox (de-duplicated by event id in the transaction that applies them); a record the inbox cannot
 * decode or apply goes to {@code staypuft.dead-letter.discovery-listener} and the partition goes on.
 */
@ApplicationScoped
public class HostEventsConsumer {

    private static final Set<EventType> APPLIED = Set.of(EventType.HOST_BUILT, EventType.HOST_IDENTITY_CHANGED,
            EventType.HOST_ASSIGNED, EventType.HOST_UNASSIGNED);

    @Inject
    EventInbox inbox;

    @Inject
    HostEventsService hostEvents;

    @Incoming(Channels.HOST_EVENTS)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        if (isAnotherContractType(record)) {
            return;
        }
        inbox.process(Channels.HOST_EVENTS_CONSUMER, record, hostEvents::apply);
    }

    /** A type of the contract the listener does not apply; anything else goes through the inbox's checks. */
    private static boolean isAnotherContractType(ConsumerRecord<String, byte[]> record) {
        Optional<EventType> type = Optional.ofNullable(EventCodec.header(record.headers(), CloudEventHeaders.TYPE))
                .flatMap(EventType::fromType);
        return type.isPresent() && !APPLIED.contains(type.get());
    }
}
