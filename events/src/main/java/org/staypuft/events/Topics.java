package org.staypuft.events;

/**
 * Topic names and the channel names services bind them to. Code and tests share these constants.
 */
public final class Topics {

    /** Host lifecycle: discovered, registered, facts updated, assigned, built... Key: host id. */
    public static final String HOST_EVENTS = "staypuft.host-events.v1";
    /** The raw facts of each host, latest per key (compacted). Key: host id. Large values, up to 1 MiB. */
    public static final String HOST_FACTS = "staypuft.host-facts.v1";
    /** Commands to the puppet-runner: run puppet, reboot for provisioning. Key: host id. */
    public static final String PUPPET_COMMANDS = "staypuft.puppet-commands.v1";
    /** Outcomes of those commands. Key: host id. */
    public static final String PUPPET_RESULTS = "staypuft.puppet-results.v1";
    /**
     * Deployments: their configuration (parameters, roles' Puppet classes), and their runs: triggered, roles
     * started/ready/failed, hosts deployed/failed, run finished. Key: deployment id.
     */
    public static final String DEPLOYMENT_EVENTS = "staypuft.deployment-events.v1";

    /** Dead-letter topic of a consumer group: where its undecodable or unprocessable records go. */
    public static String deadLetterTopic(String consumerGroup) {
        return "staypuft.dead-letter." + consumerGroup;
    }

    private Topics() {
    }
}
