package org.staypuft.events;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.TimestampType;

/** Turns what a producer sends into what a consumer receives, without a broker in between. */
final class KafkaRecords {

    private KafkaRecords() {
    }

    static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> produced) {
        return consumed(produced.topic(), produced.key(), produced.value(), produced.headers());
    }

    static ConsumerRecord<String, byte[]> consumed(String topic, String key, byte[] value, Headers headers) {
        // A copy: the consumer side must not share header instances with the producer side.
        return new ConsumerRecord<>(topic, 0, 0L, RecordBatch.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE,
                ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, key, value, new RecordHeaders(headers.toArray()),
                Optional.empty());
    }

    /** Bytes the record takes on the wire, near enough: key, value and headers. */
    static int size(ProducerRecord<String, byte[]> record) {
        int size = record.key() == null ? 0 : record.key().getBytes(StandardCharsets.UTF_8).length;
        size += record.value() == null ? 0 : record.value().length;
        for (Header header : record.headers()) {
            size += header.key().getBytes(StandardCharsets.UTF_8).length + header.value().length;
        }
        return size;
    }
}
