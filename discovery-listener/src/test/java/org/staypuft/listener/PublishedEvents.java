package org.staypuft.listener;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.staypuft.events.EventCodec;
import org.staypuft.events.Topics;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;

import io.quarkus.narayana.jta.QuarkusTransaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the listener published, read from the real topics like another service would. */
final class PublishedEvents {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> TOPICS = List.of(Topics.HOST_EVENTS, Topics.HOST_FACTS);

    private final KafkaTestClient kafka = KafkaTestClient.ofTestBroker();
    private final EntityManager entityManager;

    PublishedEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Waits for {@code count} records of a host on a topic, and returns what arrived by then. */
    List<ConsumerRecord<String, byte[]>> ofHost(String topic, String hostId, int count) {
        return kafka.read(topic, record -> hostId.equals(record.key()), count, TIMEOUT);
    }

    /** Everything a host has on a topic, up to the topic's end now (call after {@link #drained()}). */
    List<ConsumerRecord<String, byte[]>> allOfHost(String topic, String hostId) {
        return kafka.readAll(topic).stream().filter(record -> hostId.equals(record.key())).toList();
    }

    /**
     * A point after which nothing new was published: the outbox is empty (all earlier events relayed) and the
     * end offsets of the host topics are taken.
     */
    Map<TopicPartition, Long> drained() {
        await().atMost(TIMEOUT).until(() -> outboxRows() == 0);
        return endOffsets();
    }

    /**
     * Nothing was published since {@code checkpoint}: no row waits in the outbox, and none was relayed. Checked in
     * that order, so an event relayed between the two looks cannot slip through.
     */
    void assertNothingPublishedSince(Map<TopicPartition, Long> checkpoint) {
        assertThat(outboxRows()).as("events waiting in the outbox").isZero();
        assertThat(endOffsets()).as("end offsets of the host topics").isEqualTo(checkpoint);
    }

    long outboxRows() {
        return count("SELECT count(*) FROM outbox_event");
    }

    long count(String sql) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) entityManager.createNativeQuery(sql).getSingleResult()).longValue());
    }

    private Map<TopicPartition, Long> endOffsets() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.startBroker());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "offsets-" + UUID.randomUUID());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            for (String topic : TOPICS) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
                offsets.putAll(consumer.endOffsets(partitions, TIMEOUT));
            }
            return offsets;
        }
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        return EventCodec.header(record.headers(), name);
    }

    static String type(ConsumerRecord<String, byte[]> record) {
        return header(record, "ce_type");
    }
}
