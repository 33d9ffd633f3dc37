package org.staypuft.kit;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.staypuft.events.EventCodec;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.Topics;
import org.staypuft.events.host.HostAssigned;
import org.staypuft.kit.outbox.Outbox;
import org.staypuft.kit.outbox.OutboxEvent;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One row Kafka refuses for good must not stop the events behind it (issue 11). */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(PostgresTestResource.class)
class OutboxParkingTest {

    private static final String SMALL_TOPIC = "kit-test.small-limit";

    @Inject
    Outbox outbox;

    @Inject
    EntityManager entityManager;

    @Inject
    MeterRegistry meters;

    private final KafkaTestClient kafka = KafkaTestClient.ofTestBroker();

    @Test
    void aRecordTooLargeForItsTopicIsParkedWithItsReasonAndTheRestFlows() throws Exception {
        createTopic(SMALL_TOPIC, Map.of("max.message.bytes", "1024"));
        double parkedBefore = parkedCount();
        String hostId = "mac" + UUID.randomUUID().toString().substring(0, 12);
        byte[] tooLarge = new byte[8 * 1024];
        new Random(11).nextBytes(tooLarge);
        String refusedId = UUID.randomUUID().toString();
        EventEnvelope after = QuarkusTransaction.requiringNew().call(() -> {
            OutboxEvent row = new OutboxEvent();
            row.eventId = refusedId;
            row.topic = SMALL_TOPIC;
            row.recordKey = hostId;
            row.eventType = "org.staypuft.host.assigned.v1";
            row.source = "/staypuft/kit-test";
            row.subject = hostId;
            row.occurredAt = OffsetDateTime.now();
            row.payload = tooLarge;
            row.persist();
            return outbox.publish(new HostAssigned(hostId, "dep-1", "lab", "after-parked", "discovery"));
        });

        List<ConsumerRecord<String, byte[]>> records = kafka.read(Topics.HOST_EVENTS,
                record -> hostId.equals(record.key()), 1, Duration.ofSeconds(60));
        assertThat(records).extracting(record -> EventCodec.header(record.headers(), "ce_id"))
                .containsExactly(after.id());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<?> parked = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                    "SELECT topic, reason FROM outbox_parked WHERE event_id = ?1").setParameter(1, refusedId)
                    .getResultList());
            assertThat(parked).hasSize(1);
            Object[] row = (Object[]) parked.get(0);
            assertThat(row[0]).isEqualTo(SMALL_TOPIC);
            assertThat((String) row[1]).startsWith("RecordTooLargeException");
        });
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM outbox_event WHERE event_id = ?1")
                .setParameter(1, refusedId).getSingleResult()).longValue())).isZero();
        assertThat(parkedCount()).isEqualTo(parkedBefore + 1);
    }

    private double parkedCount() {
        return meters.counter("staypuft.outbox.parked").count();
    }

    private static void createTopic(String name, Map<String, String> configs) throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.startBroker());
        try (Admin admin = Admin.create(properties)) {
            if (!admin.listTopics().names().get().contains(name)) {
                admin.createTopics(List.of(new NewTopic(name, 1, (short) 1).configs(configs))).all().get();
            }
        }
    }
}
