package org.staypuft.registry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.staypuft.events.EventCodec;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.EventType;
import org.staypuft.events.Topics;
import org.staypuft.events.host.HostAssigned;
import org.staypuft.events.host.HostConfigurationChanged;
import org.staypuft.events.host.HostDiscovered;
import org.staypuft.events.host.HostFactsRecorded;
import org.staypuft.events.host.HostStateChanged;
import org.staypuft.events.host.HostUnassigned;
import org.staypuft.registry.messaging.Channels;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.staypuft.registry.TestHosts.HOSTS;
import static org.staypuft.registry.TestHosts.TIMEOUT;
import static org.staypuft.registry.TestHosts.asViewer;
import static org.staypuft.registry.TestHosts.awaitHost;
import static org.staypuft.registry.TestHosts.event;

/** Kafka delivers at least once and anyone can write garbage: the inventory must stay right regardless. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class HostEventDeliveryTest {

    private final KafkaTestClient kafka = KafkaTestClient.ofTestBroker();

    @Test
    void redeliveredAssignmentAfterTheHostWasUnassignedChangesNothing() {
        String id = TestHosts.newHostId();
        String deployment = TestHosts.newDeploymentId();
        kafka.send(event(new HostDiscovered(id, TestHosts.snapshot(id), null)));
        EventEnvelope assigned = event(new HostAssigned(id, deployment, "lab", "Controller", "discovery"));
        kafka.send(assigned);
        awaitHost(id, "state", is("assigned"), "role", is("Controller"));
        kafka.send(event(new HostUnassigned(id, deployment, "Controller")));
        awaitHost(id, "state", is("free"));

        // The same record again (same ce_id), as a producer retry or a consumer restart before its commit gives it.
        kafka.send(assigned);
        // Same key, same partition: once this marker shows, the redelivery has been consumed.
        kafka.send(event(new HostConfigurationChanged(id, deployment, null, "service")));

        awaitHost(id, "runmode", is("service"),
                "state", is("free"), "deploymentId", nullValue(), "role", nullValue(), "build", is(false));
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheFollowingEventsAreApplied() {
        String id = TestHosts.newHostId();
        String deployment = TestHosts.newDeploymentId();
        kafka.send(event(new HostDiscovered(id, TestHosts.snapshot(id), null)));
        awaitHost(id, "state", is("free"));

        ProducerRecord<String, byte[]> garbage = record(Topics.HOST_EVENTS, id, "{not json");
        header(garbage, "ce_specversion", "1.0");
        header(garbage, "ce_id", "garbage-" + id);
        header(garbage, "ce_type", EventType.HOST_ASSIGNED.type());
        kafka.send(garbage);
        kafka.send(record(Topics.HOST_EVENTS, id, "{\"hostId\": \"" + id + "\", \"state\": \"deployed\"}"));
        kafka.send(event(new HostStateChanged(id, deployment, "exploded", null)));
        kafka.send(event(new HostAssigned(id, deployment, "lab", "Compute", "discovery")));

        // As large as a real upload may be: the dead-letter producer must take it too.
        ProducerRecord<String, byte[]> garbageFacts = record(Topics.HOST_FACTS, id, "\u0001" + "x".repeat(1_500_000));
        header(garbageFacts, "ce_specversion", "1.0");
        header(garbageFacts, "ce_type", EventType.HOST_FACTS_RECORDED.type());
        kafka.send(garbageFacts);
        kafka.send(event(new HostFactsRecorded(id, "after-poison",
                EventCodec.mapper().createObjectNode().put("uptime_seconds", 42))));

        awaitHost(id, "state", is("assigned"), "role", is("Compute"), "deploymentId", is(deployment));
        await().atMost(TIMEOUT).untilAsserted(() -> asViewer().get(HOSTS + "/{id}/facts", id).then()
                .statusCode(200)
                .body("uptime_seconds", is(42)));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            List<ConsumerRecord<String, byte[]>> deadLetters = kafka.read(Channels.DEAD_LETTER_TOPIC,
                    record -> id.equals(record.key()), 4, Duration.ofSeconds(5));
            assertThat(deadLetters).hasSize(4);
            assertThat(deadLetters).extracting(record -> header(record, "dead-letter-topic"))
                    .containsExactlyInAnyOrder(Topics.HOST_EVENTS, Topics.HOST_EVENTS, Topics.HOST_EVENTS,
                            Topics.HOST_FACTS);
            assertThat(deadLetters).extracting(record -> header(record, "dead-letter-reason"))
                    .anySatisfy(reason -> assertThat(reason).contains("not a valid HostAssigned"))
                    .anySatisfy(reason -> assertThat(reason).contains("ce_specversion"))
                    .anySatisfy(reason -> assertThat(reason).contains("state 'exploded'"))
                    .anySatisfy(reason -> assertThat(reason).contains("not a valid HostFactsRecorded"));
            assertThat(deadLetters).extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                    .contains("{not json");
        });
    }

    private static ProducerRecord<String, byte[]> record(String topic, String key, String value) {
        return new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return EventCodec.header(record.headers(), name);
    }
}
