package org.staypuft.cli.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.staypuft.events.CloudEventHeaders;
import org.staypuft.events.EventCodec;
import org.staypuft.events.EventType;
import org.staypuft.events.Topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * A consumed record read through the contract's envelope: CloudEvents headers and the JSON payload as a tree.
 * Deliberately lenient (a debugging tool must show what is there): a type this CLI does not know, or a payload it
 * cannot parse, is still an entry of the timeline.
 */
record RecordView(ConsumerRecord<byte[], byte[]> record, String id, String type, Instant time, String deploymentId,
        String key, JsonNode payload) {

    static RecordView of(ConsumerRecord<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        return new RecordView(record, EventCodec.header(record.headers(), CloudEventHeaders.ID),
                EventCodec.header(record.headers(), CloudEventHeaders.TYPE), timeOf(record),
                EventCodec.header(record.headers(), CloudEventHeaders.DEPLOYMENT_ID), key, payloadOf(record));
    }

    /** The event's own time ({@code ce_time}); the record's timestamp when that is missing or malformed. */
    private static Instant timeOf(ConsumerRecord<byte[], byte[]> record) {
        String time = EventCodec.header(record.headers(), CloudEventHeaders.TIME);
        if (time != null) {
            try {
                return OffsetDateTime.parse(time).toInstant();
            } catch (DateTimeParseException e) {
                // fall through to the record's timestamp
            }
        }
        return Instant.ofEpochMilli(record.timestamp());
    }

    private static JsonNode payloadOf(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode tree = EventCodec.mapper().readTree(record.value());
            return tree == null ? MissingNode.getInstance() : tree;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    String topic() {
        return record.topic();
    }

    /** The type without the contract's prefix and v1 suffix: {@code host.assigned}; other versions keep theirs. */
    String shortType() {
        if (type == null) {
            return "(no ce_type)";
        }
        String name = type.startsWith(EventType.TYPE_PREFIX) ? type.substring(EventType.TYPE_PREFIX.length()) : type;
        return name.endsWith(EventType.VERSION_SUFFIX)
                ? name.substring(0, name.length() - EventType.VERSION_SUFFIX.length())
                : name;
    }

    /** The host the event is about: its payload's {@code hostId}, or the key of a host topic's record. */
    String hostId() {
        String hostId = text("hostId");
        if (hostId == null && (Topics.HOST_EVENTS.equals(topic()) || Topics.HOST_FACTS.equals(topic()))) {
            return key;
        }
        return hostId;
    }

    String runId() {
        return text("runId");
    }

    String text(String field) {
        JsonNode value = payload.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}
