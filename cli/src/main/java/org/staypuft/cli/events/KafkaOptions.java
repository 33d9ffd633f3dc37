package org.staypuft.cli.events;

import org.staypuft.cli.CliEnvironment;

import picocli.CommandLine.Option;

/** Where the event commands read the topics: the broker itself, not a service, so they work when services do not. */
public class KafkaOptions {

    /** The environment variable naming the brokers when {@code --bootstrap-servers} is not given. */
    public static final String BOOTSTRAP_VARIABLE = "STAYPUFT_KAFKA_BOOTSTRAP_SERVERS";
    /** The local stack's broker ({@code ./staypuft up}). */
    public static final String LOCAL_STACK = "localhost:19092";

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", description = "The Kafka brokers to read. Default: $"
            + BOOTSTRAP_VARIABLE + ", else the local stack's " + LOCAL_STACK + ".")
    String bootstrapServers;

    public String bootstrapServers(CliEnvironment environment) {
        if (bootstrapServers != null && !bootstrapServers.isBlank()) {
            return bootstrapServers;
        }
        return environment.variable(BOOTSTRAP_VARIABLE).orElse(LOCAL_STACK);
    }
}
