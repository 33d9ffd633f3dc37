package org.staypuft.cli.events;

import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.common.TopicPartition;
import org.staypuft.cli.ExitCode;
import org.staypuft.cli.Output;
import org.staypuft.cli.StaypuftCli;
import org.staypuft.cli.text.TextTable;
import org.staypuft.events.Topics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code staypuft events timeline}: everything that happened to a deployment and its hosts, across topics, in time
 * order. Reads the topics from the broker up to their end offsets at the start, so it works while services are down.
 */
@Command(name = "timeline", description = {
        "Everything that happened to a deployment and its hosts, read from the Kafka topics, in time order: time, type, host, role, outcome, reason.",
        "Reads host events, puppet commands and results and deployment events up to their end offsets at the start; no consumer group, nothing committed."}, mixinStandardHelpOptions = true)
public class TimelineCommand implements Callable<Integer> {

    /** The topics a timeline reads. Not the facts topic: compacted (latest facts only) and up to 1 MiB a record. */
    static final List<String> TOPICS = List.of(Topics.HOST_EVENTS, Topics.PUPPET_COMMANDS, Topics.PUPPET_RESULTS,
            Topics.DEPLOYMENT_EVENTS);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--deployment", required = true, paramLabel = "NAME", description = "The deployment's name (or id).")
    String deployment;

    @Option(names = "--run", paramLabel = "RUN_ID", description = "Only this run: its events, and the events without a run id (host configuration and state) between its first event and its end.")
    String run;

    @Override
    public Integer call() {
        return StaypuftCli.of(spec).run(spec, session -> {
            String bootstrap = kafka.bootstrapServers(session.environment());
            List<RecordView> records;
            try (BoundedReader reader = new BoundedReader(bootstrap)) {
                List<TopicPartition> partitions = reader.partitions(TOPICS);
                Map<TopicPartition, Long> end = reader.endOffsets(partitions);
                records = reader.read(reader.beginningOffsets(partitions), end).stream()
                        .map(RecordView::of).toList();
            }
            DeploymentSelection selection = DeploymentSelection.resolve(deployment, records, bootstrap);
            List<TimelineEntry> entries = records.stream().filter(selection::includes).map(TimelineEntry::of)
                    .sorted(ORDER).toList();
            if (run != null) {
                RunWindow window = RunWindow.of(run, entries);
                entries = entries.stream().filter(window::includes).toList();
            }
            print(session.output(), selection, entries);
            return ExitCode.OK;
        });
    }

    /**
     * By event time ({@code ce_time}); equal times (and events of one partition with skewed clocks) keep their
     * topic, partition and offset order.
     */
    static final Comparator<TimelineEntry> ORDER = Comparator.comparing(TimelineEntry::time)
            .thenComparing(entry -> entry.view().topic())
            .thenComparingInt(entry -> entry.view().record().partition())
            .thenComparingLong(entry -> entry.view().record().offset());

    private void print(Output output, DeploymentSelection selection, List<TimelineEntry> entries) {
        if (output.json()) {
            ObjectNode document = Output.JSON.createObjectNode();
            document.put("deployment", deployment);
            selection.deploymentIds().forEach(document.putArray("deploymentIds")::add);
            document.put("run", run);
            selection.hostIds().forEach(document.putArray("hosts")::add);
            ArrayNode events = document.putArray("events");
            entries.forEach(entry -> entry.toJson(events.addObject()));
            output.json(document);
            return;
        }
        output.line("Deployment " + deployment + " (" + String.join(", ", selection.deploymentIds()) + ")"
                + (run == null ? "" : ", run " + run) + ": " + entries.size() + " events, "
                + selection.hostIds().size() + " hosts");
        TextTable table = new TextTable("TIME", "TYPE", "HOST", "ROLE", "OUTCOME", "REASON");
        for (TimelineEntry entry : entries) {
            table.row(TIME.format(entry.time()), entry.type(), entry.hostId(), entry.role(), entry.outcome(),
                    entry.reason());
        }
        table.lines("").forEach(output::line);
    }

}
