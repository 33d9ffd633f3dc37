package org.staypuft.orchestrator.messaging;

/** Channel and consumer names, shared by the consumers, their configuration and the tests. */
public final class Channels {

    /** Bound to {@link org.staypuft.events.Topics#HOST_EVENTS}. */
    public static final String HOST_EVENTS = "host-events";
    /** Bound to {@link org.staypuft.events.Topics#PUPPET_RESULTS}. */
    public static final String PUPPET_RESULTS = "puppet-results";

    /**
     * Kafka consumer groups, one per channel (set in application.properties): channels sharing a group rebalance
     * together and can hand a record in flight to a consumer that is shutting down.
     */
    public static final String HOST_EVENTS_GROUP = "orchestrator.host-events";
    public static final String PUPPET_RESULTS_GROUP = "orchestrator.puppet-results";

    /** Inbox consumer names: each keeps its own processed event ids. */
    public static final String HOST_VIEW_CONSUMER = "orchestrator-host-view";
    public static final String RUN_ENGINE_CONSUMER = "orchestrator-run-engine";

    private Channels() {
    }
}
