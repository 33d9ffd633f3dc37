package org.staypuft.registry.messaging;

import org.staypuft.events.Topics;

/**
 * Channel and inbox names of the registry; code, configuration and tests share them. Each channel's Kafka consumer
 * group is named like its inbox consumer.
 */
public final class Channels {

    /** Bound to {@link Topics#HOST_EVENTS}. */
    public static final String HOST_EVENTS = "host-events";
    /** Bound to {@link Topics#HOST_FACTS}. */
    public static final String HOST_FACTS = "host-facts";
    /** Bound to {@link Topics#DEPLOYMENT_EVENTS}, for the deployments' configurations. */
    public static final String DEPLOYMENT_EVENTS = "deployment-events";

    /** Where the channels put what they cannot decode or apply: one dead-letter topic for the service. */
    public static final String DEAD_LETTER_TOPIC = Topics.deadLetterTopic("host-registry");

    /** Inbox consumer (and Kafka consumer group) names: each channel keeps its own processed event ids. */
    public static final String HOST_EVENTS_CONSUMER = "host-registry.host-events";
    public static final String HOST_FACTS_CONSUMER = "host-registry.host-facts";
    public static final String DEPLOYMENT_EVENTS_CONSUMER = "host-registry.deployment-events";

    private Channels() {
    }
}
