package org.staypuft.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one codec every service uses: payload records to JSON and back, envelopes to Kafka records (CloudEvents
 * binary mode) and back. Unknown properties are ignored so that old consumers read newer payloads and a replay of
 * an old topic still decodes.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventCodec() {
    }

    /** The mapper behind the codec, for services that store payloads (outbox) or expose them. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] encodePayload(StaypuftEvent payload) {
        try {
            return MAPPER.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot encode " + payload.getClass().getSimpleName(), e);
        }
    }

    public static String encodePayloadAsString(StaypuftEvent payload) {
        return new String(encodePayload(payload), StandardCharsets.UTF_8);
    }

    public static <T extends StaypuftEvent> T decodePayload(byte[] json, Class<T> payloadType) {
        try {
            T payload = MAPPER.readValue(json, payloadType);
            if (payload == null) {
                throw new UndecodableEventException("Payload of " + payloadType.getSimpleName() + " is null");
            }
            return payload;
        } catch (JsonProcessingException e) {
            throw new UndecodableEventException(
                    "Payload is not a valid " + payloadType.getSimpleName() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UndecodableEventException("Payload of " + payloadType.getSimpleName() + " is unreadable", e);
        }
    }

    public static ProducerRecord<String, byte[]> toRecord(EventEnvelope envelope) {
        return toRecord(envelope.topic(), envelope.subject(), headersOf(envelope), encodePayload(envelope.payload()));
    }

    /** A record from parts already encoded, e.g. an outbox row. */
    public static ProducerRecord<String, byte[]> toRecord(String topic, String key, Headers headers, byte[] value) {
        return new ProducerRecord<>(topic, null, key, value, headers);
    }

    public static Headers headersOf(EventEnvelope envelope) {
        return cloudEventHeaders(envelope.id(), envelope.source(), envelope.type().type(), envelope.time(),
                envelope.subject(), envelope.deploymentId());
    }

    /** The binary-mode CloudEvents headers, from attributes stored apart from their payload (an outbox row). */
    public static Headers cloudEventHeaders(String id, String source, String type, OffsetDateTime time,
            String subject, String deploymentId) {
        Headers headers = new RecordHeaders();
        put(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        put(headers, CloudEventHeaders.ID, id);
        put(headers, CloudEventHeaders.SOURCE, source);
        put(headers, CloudEventHeaders.TYPE, type);
        put(headers, CloudEventHeaders.TIME, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
        put(headers, CloudEventHeaders.SUBJECT, subject);
        EventType.fromType(type).ifPresent(known -> put(headers, CloudEventHeaders.DATA_SCHEMA, known.dataSchema()));
        if (deploymentId != null) {
            put(headers, CloudEventHeaders.DEPLOYMENT_ID, deploymentId);
        }
        put(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_VALUE);
        return headers;
    }

    /**
     * Decodes a consumed record.
     *
     * @return empty when the record carries a well-formed {@code ce_type} this version does not know (a newer
     *         producer); the caller skips it
     * @throws UndecodableEventException when headers or payload are malformed: a poison message
     */
    public static Optional<EventEnvelope> decode(ConsumerRecord<?, byte[]> record) {
        Headers headers = record.headers();
        String specVersion = header(headers, CloudEventHeaders.SPEC_VERSION);
        if (!CloudEventHeaders.SPEC_VERSION_VALUE.equals(specVersion)) {
            throw new UndecodableEventException("Missing or unsupported ce_specversion: " + specVersion);
        }
        String type = required(headers, CloudEventHeaders.TYPE);
        Optional<EventType> eventType = EventType.fromType(type);
        if (eventType.isEmpty()) {
            if (type.startsWith(EventType.TYPE_PREFIX)) {
                return Optional.empty();
            }
            throw new UndecodableEventException("ce_type " + type + " is not a Staypuft event");
        }
        if (record.value() == null) {
            throw new UndecodableEventException("Record of type " + type + " has no value");
        }
        StaypuftEvent payload = decodePayload(record.value(), eventType.get().payloadType());
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(required(headers, CloudEventHeaders.TIME));
        } catch (DateTimeParseException e) {
            throw new UndecodableEventException("ce_time is not an RFC 3339 time: " + e.getParsedString(), e);
        }
        return Optional.of(new EventEnvelope(
                required(headers, CloudEventHeaders.ID),
                required(headers, CloudEventHeaders.SOURCE),
                eventType.get(),
                time,
                required(headers, CloudEventHeaders.SUBJECT),
                header(headers, CloudEventHeaders.DEPLOYMENT_ID),
                payload));
    }

    public static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String required(Headers headers, String name) {
        String value = header(headers, name);
        if (value == null || value.isBlank()) {
            throw new UndecodableEventException("Missing header " + name);
        }
        return value;
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
