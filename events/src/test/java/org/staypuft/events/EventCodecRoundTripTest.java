package org.staypuft.events;

import java.time.OffsetDateTime;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** An envelope sent through Kafka comes back equal, carrying the CloudEvents binary-mode headers. */
class EventCodecRoundTripTest {

    private static final String SOURCE = "/staypuft/contract-test";

    @ParameterizedTest
    @EnumSource(EventType.class)
    void fullEventSurvivesTheRoundTrip(EventType type) {
        assertRoundTrip(EventEnvelope.wrap(SOURCE, SampleEvents.full(type)));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void eventWithoutOptionalFieldsSurvivesTheRoundTrip(EventType type) {
        assertRoundTrip(EventEnvelope.wrap(SOURCE, SampleEvents.minimal(type)));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void recordCarriesTheCloudEventsHeaders(EventType type) {
        EventEnvelope envelope = EventEnvelope.wrap(SOURCE, SampleEvents.full(type));

        ProducerRecord<String, byte[]> record = EventCodec.toRecord(envelope);

        Headers headers = record.headers();
        assertThat(record.topic()).isEqualTo(type.topic());
        assertThat(record.key()).isEqualTo(envelope.payload().aggregateId());
        assertThat(EventCodec.header(headers, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(EventCodec.header(headers, CloudEventHeaders.ID)).isEqualTo(envelope.id());
        assertThat(EventCodec.header(headers, CloudEventHeaders.SOURCE)).isEqualTo(SOURCE);
        assertThat(EventCodec.header(headers, CloudEventHeaders.TYPE)).isEqualTo(type.type());
        assertThat(OffsetDateTime.parse(EventCodec.header(headers, CloudEventHeaders.TIME)))
                .isEqualTo(envelope.time());
        assertThat(EventCodec.header(headers, CloudEventHeaders.SUBJECT)).isEqualTo(record.key());
        assertThat(EventCodec.header(headers, CloudEventHeaders.DATA_SCHEMA)).isEqualTo(type.dataSchema());
        assertThat(EventCodec.header(headers, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(headers).extracting(header -> header.key()).doesNotHaveDuplicates();
    }

    @Test
    void deploymentExtensionIsSetExactlyWhenThePayloadBelongsToADeployment() {
        assertThat(deploymentHeader(SampleEvents.full(EventType.HOST_DISCOVERED))).isNull();
        assertThat(deploymentHeader(SampleEvents.minimal(EventType.HOST_STATE_CHANGED))).isNull();
        assertThat(deploymentHeader(SampleEvents.full(EventType.HOST_STATE_CHANGED)))
                .isEqualTo(SampleEvents.DEPLOYMENT_ID);
        assertThat(deploymentHeader(SampleEvents.full(EventType.PUPPET_RUN_REQUESTED)))
                .isEqualTo(SampleEvents.DEPLOYMENT_ID);
        assertThat(deploymentHeader(SampleEvents.full(EventType.DEPLOYMENT_TRIGGERED)))
                .isEqualTo(SampleEvents.DEPLOYMENT_ID);
    }

    private static String deploymentHeader(StaypuftEvent payload) {
        return EventCodec.header(EventCodec.toRecord(EventEnvelope.wrap(SOURCE, payload)).headers(),
                CloudEventHeaders.DEPLOYMENT_ID);
    }

    private static void assertRoundTrip(EventEnvelope envelope) {
        ProducerRecord<String, byte[]> sent = EventCodec.toRecord(envelope);

        assertThat(EventCodec.decode(KafkaRecords.consumed(sent))).contains(envelope);
    }
}
