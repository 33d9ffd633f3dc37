package org.staypuft.webhooks.messaging;

import org.staypuft.events.Topics;

/** The dispatcher's channels, Kafka consumer groups and inbox consumer name, shared by the consumer and the tests. */
public final class Channels {

    /** Bound to {@link Topics#HOST_EVENTS}. */
    public static final String HOST_EVENTS = "host-events";
    /** Bound to {@link Topics#PUPPET_COMMANDS}. */
    public static final String PUPPET_COMMANDS = "puppet-commands";
    /** Bound to {@link Topics#PUPPET_RESULTS}. */
    public static final String PUPPET_RESULTS = "puppet-results";
    /** Bound to {@link Topics#DEPLOYMENT_EVENTS}. */
    public static final String DEPLOYMENT_EVENTS = "deployment-events";

    /** Where the channels put what they cannot decode or record. */
    public static final String DEAD_LETTER_TOPIC = Topics.deadLetterTopic("webhook-dispatcher");

    /**
     * Inbox consumer name of every channel (event ids are unique across topics); stored with every processed event
     * id, never renamed. The Kafka consumer groups are {@code webhook-dispatcher.<channel>}.
     */
    public static final String EVENTS_CONSUMER = "webhook-dispatcher.events";

    private Channels() {
    }
}
