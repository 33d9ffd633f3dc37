package org.staypuft.cli.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.staypuft.cli.CliException;
import org.staypuft.cli.ExitCode;

/**
 * Reads slices of topics as they are: partitions assigned by hand, no consumer group, nothing committed, so reading
 * leaves no trace on the cluster and never takes part in a service's group. Every read is bounded by offsets fixed
 * before it starts (normally the end offsets at the start of the command): it ends even while events keep coming.
 */
final class BoundedReader implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** A read that makes no progress this long is given up (the broker went away mid-read). */
    private static final Duration STALL = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final KafkaConsumer<byte[], byte[]> consumer;

    BoundedReader(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "staypuft-cli-events");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // Facts records may be up to 1 MiB, with headers.
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        this.consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The partitions of these topics; a topic the cluster does not have has none. */
    List<TopicPartition> partitions(Collection<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = call(() -> consumer.partitionsFor(topic, TIMEOUT));
            if (infos != null) {
                infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
        }
        return partitions;
    }

    Map<TopicPartition, Long> beginningOffsets(List<TopicPartition> partitions) {
        return call(() -> consumer.beginningOffsets(partitions, TIMEOUT));
    }

    Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions) {
        return call(() -> consumer.endOffsets(partitions, TIMEOUT));
    }

    /** Per partition, the first offset whose record timestamp is at or after {@code time}; the end when none is. */
    Map<TopicPartition, Long> offsetsAt(Map<TopicPartition, Long> end, Instant time) {
        Map<TopicPartition, Long> query = new HashMap<>();
        end.keySet().forEach(partition -> query.put(partition, time.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = call(() -> consumer.offsetsForTimes(query, TIMEOUT));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        end.forEach((partition, endOffset) -> {
            OffsetAndTimestamp at = found.get(partition);
            offsets.put(partition, at == null ? endOffset : Math.min(at.offset(), endOffset));
        });
        return offsets;
    }

    /**
     * The records at offsets {@code [from, until)} of each partition, partition by partition in offset order.
     */
    List<ConsumerRecord<byte[], byte[]>> read(Map<TopicPartition, Long> from, Map<TopicPartition, Long> until) {
        Map<TopicPartition, Long> pending = new HashMap<>();
        from.forEach((partition, offset) -> {
            long stop = until.getOrDefault(partition, offset);
            if (offset < stop) {
                pending.put(partition, stop);
            }
        });
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        if (pending.isEmpty()) {
            return records;
        }
        call(() -> {
            consumer.assign(pending.keySet());
            pending.keySet().forEach(partition -> consumer.seek(partition, from.get(partition)));
            long lastProgress = System.nanoTime();
            while (!pending.isEmpty()) {
                boolean progress = false;
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Long stop = pending.get(partition);
                    if (stop != null && record.offset() < stop) {
                        records.add(record);
                        progress = true;
                    }
                }
                // Positions also move over compacted gaps and transaction markers, which return no record.
                for (TopicPartition partition : List.copyOf(pending.keySet())) {
                    if (consumer.position(partition) >= pending.get(partition)) {
                        pending.remove(partition);
                        consumer.pause(List.of(partition));
                        progress = true;
                    }
                }
                if (progress) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                    throw new CliException(ExitCode.SERVICE, "Kafka at " + bootstrapServers
                            + " stopped answering while reading " + pending.keySet());
                }
            }
            return null;
        });
        return records;
    }

    private <T> T call(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new CliException(ExitCode.SERVICE, "Kafka at " + bootstrapServers + " did not answer within "
                    + TIMEOUT.toSeconds() + "s: is it running? (--bootstrap-servers, $"
                    + KafkaOptions.BOOTSTRAP_VARIABLE + ")", e);
        } catch (KafkaException e) {
            throw new CliException(ExitCode.SERVICE, "Kafka at " + bootstrapServers + " refused the read: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
