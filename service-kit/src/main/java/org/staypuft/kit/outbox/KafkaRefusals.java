package org.staypuft.kit.outbox;

import java.util.Optional;

import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Tells a send that Kafka refuses for good (this record will never be accepted, whatever the relay waits for) from one
 * that a broker outage explains. Only the first kind is parked; everything else stays in the outbox and is retried.
 */
final class KafkaRefusals {

    /** How the producer says a topic it cannot find: it waits {@code max.block.ms} for metadata, then times out. */
    static final String MISSING_METADATA = "not present in metadata";

    private KafkaRefusals() {
    }

    /** The reason to park the record for, when the failure is final for this record alone. */
    static Optional<String> finalRefusal(Throwable failure) {
        Throwable cause = failure;
        while (cause != null) {
            if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
                    || cause instanceof InvalidTopicException || cause instanceof TopicAuthorizationException
                    || cause instanceof UnknownTopicOrPartitionException || cause instanceof SerializationException) {
                return Optional.of(describe(cause));
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return Optional.empty();
    }

    /** A metadata timeout: either the topic does not exist or the broker is away; the relay asks an admin client. */
    static boolean isMissingMetadata(Throwable failure) {
        Throwable cause = failure;
        while (cause != null) {
            if (cause instanceof TimeoutException && cause.getMessage() != null
                    && cause.getMessage().contains(MISSING_METADATA)) {
                return true;
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return false;
    }

    static String describe(Throwable cause) {
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
