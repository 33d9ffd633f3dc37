package org.staypuft.events;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a consumer gets from records that a newer producer, or no Staypuft producer, wrote. */
class EventCodecDecodingTest {

    private static final EventEnvelope DISCOVERED = EventEnvelope.wrap("/staypuft/contract-test",
            SampleEvents.full(EventType.HOST_DISCOVERED));

    @Test
    void payloadPropertiesANewerProducerAddsAreIgnored() {
        ObjectNode payload = EventCodec.mapper().valueToTree(DISCOVERED.payload());
        payload.put("rack", "R12-U07");
        ((ObjectNode) payload.path("host")).putObject("bmc").put("address", "192.168.2.2");
        ((ObjectNode) payload.path("host").path("interfaces").get(0)).put("mtu", 1500);

        ConsumerRecord<String, byte[]> record = record(EventCodec.headersOf(DISCOVERED), payload.toString());

        assertThat(EventCodec.decode(record)).contains(DISCOVERED);
    }

    @Test
    void eventTypeANewerProducerAddsIsSkipped() {
        assertThat(EventCodec.decode(record(withType("org.staypuft.host.retired.v1"), "{}"))).isEmpty();
        assertThat(EventCodec.decode(record(withType("org.staypuft.host.discovered.v2"), "{}"))).isEmpty();
    }

    @Test
    void garbagePayloadIsUndecodable() {
        ConsumerRecord<String, byte[]> record = record(EventCodec.headersOf(DISCOVERED), "{\"hostId\": ");

        assertThatThrownBy(() -> EventCodec.decode(record))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("not a valid HostDiscovered");
    }

    @Test
    void missingValueIsUndecodable() {
        ConsumerRecord<String, byte[]> record = KafkaRecords.consumed(DISCOVERED.topic(), DISCOVERED.subject(), null,
                EventCodec.headersOf(DISCOVERED));

        assertThatThrownBy(() -> EventCodec.decode(record))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("has no value");
    }

    @Test
    void recordWithoutTypeIsUndecodable() {
        Headers headers = EventCodec.headersOf(DISCOVERED).remove(CloudEventHeaders.TYPE);

        assertThatThrownBy(() -> EventCodec.decode(record(headers, payloadOf(DISCOVERED))))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("ce_type");
    }

    @Test
    void recordWithoutSpecVersionIsUndecodable() {
        Headers headers = EventCodec.headersOf(DISCOVERED).remove(CloudEventHeaders.SPEC_VERSION);

        assertThatThrownBy(() -> EventCodec.decode(record(headers, payloadOf(DISCOVERED))))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("ce_specversion");
    }

    @Test
    void eventOfAnotherProducerIsUndecodable() {
        ConsumerRecord<String, byte[]> record = record(withType("com.example.order.created.v1"), "{}");

        assertThatThrownBy(() -> EventCodec.decode(record))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("com.example.order.created.v1")
                .hasMessageContaining("not a Staypuft event");
    }

    /** So a primitive component added to a v1 record would break the replay of records written before it. */
    @Test
    void payloadWithoutAPrimitivePropertyIsUndecodable() {
        EventEnvelope started = EventEnvelope.wrap("/staypuft/contract-test",
                SampleEvents.full(EventType.ROLE_STARTED));
        ObjectNode payload = EventCodec.mapper().valueToTree(started.payload());
        payload.remove("hostCount");

        assertThatThrownBy(() -> EventCodec.decode(record(EventCodec.headersOf(started), payload.toString())))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("RoleStarted");
    }

    /** So adding a constant to an enum of the contract is a breaking change: it needs a new type version. */
    @Test
    void enumConstantThisVersionDoesNotKnowIsUndecodable() {
        EventEnvelope completed = EventEnvelope.wrap("/staypuft/contract-test",
                SampleEvents.full(EventType.PUPPET_RUN_COMPLETED));
        ObjectNode payload = EventCodec.mapper().valueToTree(completed.payload());
        payload.put("outcome", "EXPLODED");

        assertThatThrownBy(() -> EventCodec.decode(record(EventCodec.headersOf(completed), payload.toString())))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("PuppetRunCompleted");
    }

    private static Headers withType(String type) {
        Headers headers = EventCodec.headersOf(DISCOVERED).remove(CloudEventHeaders.TYPE);
        return headers.add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
    }

    private static String payloadOf(EventEnvelope envelope) {
        return EventCodec.encodePayloadAsString(envelope.payload());
    }

    private static ConsumerRecord<String, byte[]> record(Headers headers, String value) {
        return KafkaRecords.consumed(DISCOVERED.topic(), DISCOVERED.subject(), value.getBytes(StandardCharsets.UTF_8),
                headers);
    }
}
