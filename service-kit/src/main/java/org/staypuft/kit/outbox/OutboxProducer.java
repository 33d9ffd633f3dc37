package org.staypuft.kit.outbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.staypuft.events.TopicSpec;

import io.smallrye.common.annotation.Identifier;

/**
 * The relay's Kafka producer: idempotent, acks from all replicas, ordered per partition even when it retries.
 * It starts from the application's {@code kafka.*} settings (also {@code KAFKA_*} environment variables), as the
 * messaging channels do, so a broker that wants TLS and SASL (the Kubernetes deployment) is reached the same way.
 */
@ApplicationScoped
public class OutboxProducer {

    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, Object> adminProperties;
    private volatile Admin admin;

    public OutboxProducer(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        adminProperties = new HashMap<>(kafkaConfig);
        adminProperties.put(AdminClientConfig.CLIENT_ID_CONFIG, "outbox-relay-admin");
        adminProperties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        adminProperties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        Map<String, Object> properties = new HashMap<>(kafkaConfig);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.parseInt(TopicSpec.MAX_MESSAGE_BYTES));
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        return producer.send(record);
    }

    /**
     * Whether the broker knows the topic: true or false when it answered within {@code timeout}, empty when it did not
     * (it is away, which is no reason to park anything).
     */
    public Optional<Boolean> topicExists(String topic, Duration timeout) {
        try {
            admin().describeTopics(List.of(topic)).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.of(true);
        } catch (ExecutionException e) {
            return e.getCause() instanceof UnknownTopicOrPartitionException ? Optional.of(false) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(adminProperties);
                }
                current = admin;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        producer.close();
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
