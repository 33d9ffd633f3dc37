package org.staypuft.kit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.staypuft.events.EventCodec;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.EventType;
import org.staypuft.events.Topics;
import org.staypuft.events.host.HostAssigned;
import org.staypuft.kit.outbox.Outbox;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(PostgresTestResource.class)
class OutboxAndInboxTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    Outbox outbox;

    @Inject
    EntityManager entityManager;

    private final KafkaTestClient kafka = KafkaTestClient.ofTestBroker();

    @Test
    void committedEventReachesKafkaWithCloudEventsHeadersAndRolledBackOneNever() {
        String hostId = "mac" + UUID.randomUUID().toString().substring(0, 12);
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.publish(assigned(hostId, "rolled-back"));
            QuarkusTransaction.setRollbackOnly();
        })).hasRootCauseMessage("setRollbackOnly called from:");
        EventEnvelope committed = QuarkusTransaction.requiringNew()
                .call(() -> outbox.publish(assigned(hostId, "controller")));

        List<ConsumerRecord<String, byte[]>> records = kafka.read(Topics.HOST_EVENTS,
                record -> hostId.equals(record.key()), 2, Duration.ofSeconds(5));

        assertThat(records).hasSize(1);
        ConsumerRecord<String, byte[]> record = records.get(0);
        assertThat(header(record, "ce_id")).isEqualTo(committed.id());
        assertThat(header(record, "ce_type")).isEqualTo("org.staypuft.host.assigned.v1");
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_source")).isEqualTo("/staypuft/kit-test");
        assertThat(header(record, "ce_subject")).isEqualTo(hostId);
        assertThat(header(record, "ce_deploymentid")).isEqualTo("dep-1");
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        assertThat(EventCodec.decode(record)).get().extracting(EventEnvelope::payload)
                .isEqualTo(assigned(hostId, "controller"));
    }

    @Test
    void redeliveredEventIsAppliedOnce() {
        EventEnvelope event = EventEnvelope.wrap("/test", assigned("mac-redelivered", "compute"));
        kafka.send(event);
        kafka.send(event);
        EventEnvelope marker = EventEnvelope.wrap("/test", assigned("mac-redelivered", "marker"));
        kafka.send(marker);

        await().atMost(TIMEOUT).until(() -> appliedCount(marker.id()) == 1);
        assertThat(appliedCount(event.id())).isEqualTo(1);
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndThePartitionGoesOn() {
        String hostId = "mac-poison";
        ProducerRecord<String, byte[]> garbage = new ProducerRecord<>(Topics.HOST_EVENTS, hostId,
                "{not json".getBytes(StandardCharsets.UTF_8));
        garbage.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        garbage.headers().add("ce_type", EventType.HOST_ASSIGNED.type().getBytes(StandardCharsets.UTF_8));
        kafka.send(garbage);
        EventEnvelope unappliable = EventEnvelope.wrap("/test", assigned(hostId, "poison-on-apply"));
        kafka.send(unappliable);
        EventEnvelope healthy = EventEnvelope.wrap("/test", assigned(hostId, "after-poison"));
        kafka.send(healthy);

        await().atMost(TIMEOUT).until(() -> appliedCount(healthy.id()) == 1);
        List<ConsumerRecord<String, byte[]>> deadLetters = kafka.read(Topics.deadLetterTopic("kit-test"),
                record -> hostId.equals(record.key()), 2, TIMEOUT);
        assertThat(deadLetters).hasSize(2);
        assertThat(deadLetters).extracting(record -> header(record, "dead-letter-reason"))
                .allSatisfy(reason -> assertThat(reason).isNotBlank());
        assertThat(appliedCount(unappliable.id())).isZero();
    }

    private long appliedCount(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM applied_event WHERE event_id = ?1")
                .setParameter(1, eventId).getSingleResult()).longValue());
    }

    private static HostAssigned assigned(String hostId, String role) {
        return new HostAssigned(hostId, "dep-1", "lab", role, "discovery");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return EventCodec.header(record.headers(), name);
    }
}
