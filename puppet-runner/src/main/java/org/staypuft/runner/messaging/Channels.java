package org.staypuft.runner.messaging;

/** Channel and inbox consumer names, shared by the consumer, its configuration and the tests. */
public final class Channels {

    /** Bound to {@link org.staypuft.events.Topics#PUPPET_COMMANDS}. */
    public static final String PUPPET_COMMANDS = "puppet-commands";

    /** Inbox consumer name: keeps its own processed event ids (the value is stored; it never changes). */
    public static final String COMMANDS_CONSUMER = "puppet-runner.commands";

    private Channels() {
    }
}
