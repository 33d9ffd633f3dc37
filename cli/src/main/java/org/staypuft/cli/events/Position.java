package org.staypuft.cli.events;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.staypuft.cli.CliException;

/**
 * Where a replay starts or stops: a time (RFC 3339, e.g. {@code 2026-03-02T10:00:00Z}: the record timestamps Kafka
 * indexes), an offset (applied to every partition read, most useful with one topic), or {@code beginning} /
 * {@code end}.
 */
sealed interface Position {

    record Time(Instant time) implements Position {
    }

    record Offset(long offset) implements Position {
    }

    record Beginning() implements Position {
    }

    record End() implements Position {
    }

    static Position parse(String option, String text) {
        String value = text.trim();
        if (value.equals("beginning") || value.equals("earliest")) {
            return new Beginning();
        }
        if (value.equals("end") || value.equals("latest")) {
            return new End();
        }
        if (value.chars().allMatch(Character::isDigit) && !value.isEmpty()) {
            try {
                return new Offset(Long.parseLong(value));
            } catch (NumberFormatException e) {
                throw CliException.usage(option + ": offset " + value + " is too large");
            }
        }
        try {
            return new Time(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            throw CliException.usage(option + ": '" + value + "' is neither a time like 2026-03-02T10:00:00Z, "
                    + "an offset, 'beginning' nor 'end'");
        }
    }

    /** The first offset to read of each partition. */
    static Map<TopicPartition, Long> start(Position position, BoundedReader reader,
            Map<TopicPartition, Long> beginning, Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (position instanceof Time time) {
            offsets.putAll(reader.offsetsAt(end, time.time()));
        } else if (position instanceof Offset offset) {
            end.forEach((partition, endOffset) -> offsets.put(partition,
                    Math.min(endOffset, Math.max(offset.offset(), beginning.get(partition)))));
        } else if (position instanceof Beginning) {
            offsets.putAll(beginning);
        } else {
            offsets.putAll(end);
        }
        return offsets;
    }

    /** The offset after the last one to read of each partition: {@code --to} includes its time or offset. */
    static Map<TopicPartition, Long> stop(Position position, BoundedReader reader, Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (position instanceof Time time) {
            offsets.putAll(reader.offsetsAt(end, time.time().plusMillis(1)));
        } else if (position instanceof Offset offset) {
            end.forEach((partition, endOffset) -> offsets.put(partition, Math.min(endOffset, offset.offset() + 1)));
        } else if (position instanceof Beginning) {
            end.keySet().forEach(partition -> offsets.put(partition, 0L));
        } else {
            offsets.putAll(end);
        }
        return offsets;
    }
}
