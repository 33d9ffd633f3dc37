package org.staypuft.cli.events;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.staypuft.cli.CliException;
import org.staypuft.cli.ExitCode;
import org.staypuft.events.TopicSpec;

/**
 * Publishes records again, unchanged: same key and value bytes, every header in its order, the same partition
 * number, the same timestamp. Each partition's records go out in offset order (an idempotent producer keeps them in
 * order); partitions are interleaved by timestamp, so events of different topics arrive roughly as they first did.
 * Topics missing on the target are created like their source: same partitions, the contract's configs.
 */
final class Republisher implements AutoCloseable {

    private final String bootstrapServers;
    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;

    Republisher(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties adminProperties = new Properties();
        adminProperties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        adminProperties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) BoundedReader.TIMEOUT.toMillis());
        // Must not exceed the API timeout above.
        adminProperties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) BoundedReader.TIMEOUT.toMillis());
        this.admin = Admin.create(adminProperties);
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "staypuft-cli-replay");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) BoundedReader.TIMEOUT.toMillis());
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Makes sure each target topic exists with at least as many partitions as its source.
     *
     * @param sources source topic name and partition count, by target topic name
     */
    void prepareTopics(Map<String, Map.Entry<String, Integer>> sources) {
        try {
            for (Map.Entry<String, Map.Entry<String, Integer>> target : sources.entrySet()) {
                String targetTopic = target.getKey();
                String sourceTopic = target.getValue().getKey();
                int partitions = target.getValue().getValue();
                Map<String, String> configs = TopicSpec.ALL.stream().filter(spec -> spec.name().equals(sourceTopic))
                        .findFirst().map(TopicSpec::configs).orElse(Map.of());
                try {
                    admin.createTopics(List.of(new NewTopic(targetTopic, Optional.of(partitions), Optional.empty())
                            .configs(configs))).all().get();
                    continue;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new CliException(ExitCode.SERVICE, "Cannot create topic " + targetTopic + " at "
                                + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
                    }
                }
                int existing = describe(targetTopic).partitions().size();
                if (existing < partitions) {
                    throw CliException.usage("Topic " + targetTopic + " at " + bootstrapServers + " has " + existing
                            + " partitions, " + sourceTopic + " has " + partitions
                            + ": records could not keep their partition. Replay into another prefix.");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERNAL, "interrupted");
        }
    }

    private TopicDescription describe(String topic) throws InterruptedException {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new CliException(ExitCode.SERVICE, "Topic " + topic + " does not appear at " + bootstrapServers);
            }
            throw new CliException(ExitCode.SERVICE, "Cannot describe topic " + topic + " at " + bootstrapServers
                    + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Sends the records to their target topics and waits until the broker has them all.
     *
     * @param records in offset order within each partition
     * @param targetTopic source topic name to target topic name
     * @return records published, by source topic
     */
    Map<String, Integer> publish(List<ConsumerRecord<byte[], byte[]>> records, Map<String, String> targetTopic) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        try {
            for (ConsumerRecord<byte[], byte[]> record : interleaved(records)) {
                ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(targetTopic.get(record.topic()),
                        record.partition(), record.timestamp(), record.key(), record.value(),
                        new RecordHeaders(record.headers().toArray()));
                sent.add(producer.send(copy));
                counts.merge(record.topic(), 1, Integer::sum);
            }
            producer.flush();
            for (Future<RecordMetadata> future : sent) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new CliException(ExitCode.SERVICE, "Kafka at " + bootstrapServers + " refused a record: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (KafkaException e) {
            throw new CliException(ExitCode.SERVICE, "Cannot publish to Kafka at " + bootstrapServers + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERNAL, "interrupted");
        }
        return counts;
    }

    /** Merges the partitions by the timestamp of their next record; each partition stays in offset order. */
    static List<ConsumerRecord<byte[], byte[]>> interleaved(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, Deque<ConsumerRecord<byte[], byte[]>>> byPartition = new LinkedHashMap<>();
        records.stream().sorted(Comparator.comparingLong(ConsumerRecord::offset)).forEach(record -> byPartition
                .computeIfAbsent(record.topic() + "-" + record.partition(), key -> new ArrayDeque<>()).add(record));
        PriorityQueue<Deque<ConsumerRecord<byte[], byte[]>>> heads = new PriorityQueue<>(Comparator
                .comparingLong((Deque<ConsumerRecord<byte[], byte[]>> queue) -> queue.peek().timestamp())
                .thenComparing(queue -> queue.peek().topic())
                .thenComparingInt(queue -> queue.peek().partition()));
        heads.addAll(byPartition.values());
        List<ConsumerRecord<byte[], byte[]>> ordered = new ArrayList<>(records.size());
        while (!heads.isEmpty()) {
            Deque<ConsumerRecord<byte[], byte[]>> queue = heads.poll();
            ordered.add(queue.poll());
            if (!queue.isEmpty()) {
                heads.add(queue);
            }
        }
        return ordered;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }

}
