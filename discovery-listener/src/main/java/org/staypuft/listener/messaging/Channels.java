package org.staypuft.listener.messaging;

import org.staypuft.events.Topics;

/** The listener's channel, Kafka consumer group and inbox consumer name, shared by the consumer and the tests. */
public final class Channels {

    /** Bound to {@link Topics#HOST_EVENTS}: which hosts were built, what operators decided about identities. */
    public static final String HOST_EVENTS = "host-events";

    /** Where the channel puts what it cannot decode or apply. */
    public static final String DEAD_LETTER_TOPIC = Topics.deadLetterTopic("discovery-listener");

    /** Inbox consumer (and Kafka consumer group) name; stored with every processed event id, never renamed. */
    public static final String HOST_EVENTS_CONSUMER = "discovery-listener.host-events";

    private Channels() {
    }
}
