package org.staypuft.orchestrator.testing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.staypuft.events.EventCodec;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.StaypuftEvent;
import org.staypuft.testsupport.KafkaTestClient;

/**
 * Events on a topic for one aggregate, decoded, in publication order: the aggregate id is the record key, so they
 * sit on one partition in the order the outbox relayed them.
 */
public final class DeploymentEvents {

    private DeploymentEvents() {
    }

    /** Every event of the topic whose key is {@code key}, read until {@code expected} match or time runs out. */
    public static List<EventEnvelope> of(KafkaTestClient kafka, String topic, String key,
            Predicate<EventEnvelope> expected, int count) {
        List<ConsumerRecord<String, byte[]>> records = kafka.read(topic, record -> key.equals(record.key())
                && decode(record).filter(expected).isPresent(), count, Duration.ofSeconds(30));
        return records.stream().map(DeploymentEvents::decode).flatMap(Optional::stream)
                .toList();
    }

    /** All events of the key on the topic now. */
    public static List<EventEnvelope> all(KafkaTestClient kafka, String topic, String key) {
        return kafka.readAll(topic).stream().filter(record -> key.equals(record.key()))
                .map(DeploymentEvents::decode).flatMap(Optional::stream)
                .toList();
    }

    public static <T extends StaypuftEvent> List<T> payloads(List<EventEnvelope> events, Class<T> type) {
        return events.stream().map(EventEnvelope::payload).filter(type::isInstance).map(type::cast).toList();
    }

    private static Optional<EventEnvelope> decode(ConsumerRecord<String, byte[]> record) {
        try {
            return EventCodec.decode(record);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
