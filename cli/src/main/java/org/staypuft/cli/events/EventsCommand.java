package org.staypuft.cli.events;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code staypuft events ...}: the Kafka topics themselves, for debugging: a deployment's timeline, replays. */
@Command(name = "events", description = "Read the Kafka topics directly: a deployment's timeline; replay a slice into another Kafka or topic prefix.", mixinStandardHelpOptions = true, subcommands = {
        TimelineCommand.class, ReplayCommand.class})
public class EventsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: timeline or replay");
    }
}
