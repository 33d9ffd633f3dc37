package org.staypuft.cli.events;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.staypuft.cli.CliException;
import org.staypuft.cli.ExitCode;
import org.staypuft.cli.Output;
import org.staypuft.cli.StaypuftCli;
import org.staypuft.events.TopicSpec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code staypuft events replay}: copies a slice of the topics, unchanged, into other topics (a prefix) or another
 * cluster (a local stack), so that a problem seen in one installation can be reproduced in another.
 */
@Command(name = "replay", description = {
        "Publishes a slice of the topics again, unchanged (key, value, every header, partition, timestamp; each partition in order), into prefixed topics or another Kafka (a local stack), to reproduce a problem.",
        "What differs: the offsets (the target appends), and the timestamps if a target topic uses LogAppendTime. Reads up to the end offsets at the start; no consumer group, nothing committed."}, mixinStandardHelpOptions = true, footer = {
                "", "Examples:",
                "  staypuft events replay --bootstrap-servers kafka.prod:9092 \\",
                "      --from 2026-03-02T10:00:00Z --deployment demo \\",
                "      --into-bootstrap-servers localhost:19092",
                "  staypuft events replay --from beginning --to 2026-03-02T12:00:00Z --topic-prefix copy."})
public class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--from", required = true, paramLabel = "TIME|OFFSET", description = "Where the slice starts: a time (2026-03-02T10:00:00Z: record timestamps), an offset in every partition read, or 'beginning'.")
    String from;

    @Option(names = "--to", defaultValue = "end", paramLabel = "TIME|OFFSET", description = "Where it ends, included: a time, an offset, or 'end' (default: the end offsets at the start).")
    String to;

    @Option(names = "--deployment", paramLabel = "NAME", description = "Only the records of this deployment and its hosts, as 'events timeline' selects them.")
    String deployment;

    @Option(names = "--topics", split = ",", paramLabel = "TOPIC", description = "The topics to read (default: the contract's: host events, host facts, puppet commands and results, deployment events).")
    List<String> topics;

    @Option(names = "--into", paramLabel = "local|PREFIX", description = "Shorthand: 'local' publishes into the local stack's Kafka ("
            + KafkaOptions.LOCAL_STACK
            + ") under the contract's topic names, so its services consume the slice; anything else is a topic prefix on the Kafka read.")
    String into;

    @Option(names = "--into-bootstrap-servers", paramLabel = "HOST:PORT[,...]", description = "The Kafka to publish into, e.g. a local stack's localhost:19092 (default: the one read).")
    String intoBootstrapServers;

    @Option(names = "--topic-prefix", defaultValue = "", paramLabel = "PREFIX", description = "Put before each topic's name on the target, e.g. 'replay.' (default: none).")
    String topicPrefix;

    @Override
    public Integer call() {
        return StaypuftCli.of(spec).run(spec, session -> {
            String source = kafka.bootstrapServers(session.environment());
            applyInto();
            String target = intoBootstrapServers == null || intoBootstrapServers.isBlank()
                    ? source
                    : intoBootstrapServers;
            if (target.equals(source) && topicPrefix.isEmpty()) {
                throw CliException.usage("Replaying into the topics it reads would feed the same services twice: give "
                        + "--into-bootstrap-servers (another Kafka) or --topic-prefix");
            }
            Position start = Position.parse("--from", from);
            Position stop = Position.parse("--to", to);
            List<String> read = topics == null || topics.isEmpty()
                    ? TopicSpec.CONTRACT.stream().map(TopicSpec::name).toList()
                    : topics;

            List<ConsumerRecord<byte[], byte[]>> slice;
            Map<String, Integer> partitionCounts = new LinkedHashMap<>();
            try (BoundedReader reader = new BoundedReader(source)) {
                List<TopicPartition> partitions = reader.partitions(read);
                partitions.forEach(partition -> partitionCounts.merge(partition.topic(), 1, Integer::sum));
                Map<TopicPartition, Long> beginning = reader.beginningOffsets(partitions);
                Map<TopicPartition, Long> end = reader.endOffsets(partitions);
                Map<TopicPartition, Long> first = Position.start(start, reader, beginning, end);
                Map<TopicPartition, Long> last = Position.stop(stop, reader, end);
                if (deployment == null) {
                    slice = reader.read(first, last);
                } else {
                    // The deployment's ids and hosts may be named before the slice starts: read it all, keep the slice.
                    List<RecordView> all = reader.read(beginning, end).stream().map(RecordView::of).toList();
                    DeploymentSelection selection = DeploymentSelection.resolve(deployment, all, source);
                    slice = new ArrayList<>();
                    for (RecordView view : all) {
                        TopicPartition partition = new TopicPartition(view.topic(), view.record().partition());
                        long offset = view.record().offset();
                        if (offset >= first.get(partition) && offset < last.get(partition)
                                && selection.includes(view)) {
                            slice.add(view.record());
                        }
                    }
                }
            }

            Map<String, String> targetTopics = new LinkedHashMap<>();
            Map<String, Map.Entry<String, Integer>> targets = new LinkedHashMap<>();
            partitionCounts.forEach((topic, count) -> {
                targetTopics.put(topic, topicPrefix + topic);
                targets.put(topicPrefix + topic, new AbstractMap.SimpleEntry<>(topic, count));
            });
            Map<String, Integer> published;
            try (Republisher republisher = new Republisher(target)) {
                if (!slice.isEmpty()) {
                    republisher.prepareTopics(targets);
                }
                published = republisher.publish(slice, targetTopics);
            }
            print(session.output(), source, target, read, partitionCounts, targetTopics, published);
            return ExitCode.OK;
        });
    }

    private void print(Output output, String source, String target, List<String> read,
            Map<String, Integer> partitionCounts, Map<String, String> targetTopics, Map<String, Integer> published) {
        int total = published.values().stream().mapToInt(Integer::intValue).sum();
        if (output.json()) {
            ObjectNode document = Output.JSON.createObjectNode();
            document.put("from", from);
            document.put("to", to);
            document.put("deployment", deployment);
            document.put("sourceBootstrapServers", source);
            document.put("targetBootstrapServers", target);
            document.put("records", total);
            ArrayNode topicsNode = document.putArray("topics");
            for (String topic : read) {
                ObjectNode node = topicsNode.addObject();
                node.put("source", topic);
                node.put("target", targetTopics.get(topic));
                node.put("records", published.getOrDefault(topic, 0));
                if (!partitionCounts.containsKey(topic)) {
                    node.put("missing", true);
                }
            }
            output.json(document);
            return;
        }
        for (String topic : read) {
            if (!partitionCounts.containsKey(topic)) {
                output.note("Topic " + topic + " does not exist at " + source + ": skipped.");
            } else {
                output.line(published.getOrDefault(topic, 0) + " records  " + topic + " -> " + target + " "
                        + targetTopics.get(topic));
            }
        }
        output.line("Replayed " + total + " records from " + source + " into " + target
                + (topicPrefix.isEmpty() ? "" : " (topic prefix " + topicPrefix + ")")
                + ": keys, values, headers, partitions and timestamps as they were; offsets are the target's.");
    }

    /** {@code --into} stands for one of the two explicit options, never both or a mix. */
    private void applyInto() {
        if (into == null) {
            return;
        }
        if (intoBootstrapServers != null || !topicPrefix.isEmpty()) {
            throw CliException
                    .usage("--into replaces --into-bootstrap-servers and --topic-prefix: give one or the other");
        }
        if (into.isBlank()) {
            throw CliException.usage("--into must be 'local' or a topic prefix, not empty");
        }
        if (into.equals("local")) {
            intoBootstrapServers = KafkaOptions.LOCAL_STACK;
        } else {
            topicPrefix = into;
        }
    }
}
