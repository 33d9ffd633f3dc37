package org.staypuft.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staypuft.events.CloudEventHeaders;
import org.staypuft.events.EventCodec;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.TopicSpec;
import org.staypuft.events.Topics;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code staypuft events replay} against a real broker: what lands on the target topics is the source's records,
 * byte for byte with every header, in the same partitions in the same order, with the same timestamps.
 */
class EventsReplayTest {

    private static String bootstrap;
    private static KafkaTestClient kafka;

    @TempDir
    Path directory;

    @BeforeAll
    static void broker() {
        bootstrap = KafkaTestResource.startBroker();
        kafka = new KafkaTestClient(bootstrap);
    }

    @Test
    void aDeploymentsSliceLandsUnchangedInPrefixedTopics() throws Exception {
        DeploymentStory story = new DeploymentStory();
        Instant before = Instant.now();
        story.publish(kafka);
        String prefix = "replay-" + UUID.randomUUID() + ".";

        CliRun.Result result = new CliRun(directory).run("events", "replay", "--bootstrap-servers", bootstrap,
                "--from", before.toString(), "--deployment", story.name, "--into-bootstrap-servers", bootstrap,
                "--topic-prefix", prefix, "--output", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(Output.JSON.readTree(result.out()).path("records").asInt()).isEqualTo(story.ofDeployment.size());
        Set<String> ids = Set.copyOf(EventsReplayTest.ids(story.ofDeployment));
        for (TopicSpec topic : TopicSpec.CONTRACT) {
            List<ConsumerRecord<String, byte[]>> source = kafka.readAll(topic.name()).stream()
                    .filter(record -> ids.contains(EventCodec.header(record.headers(), CloudEventHeaders.ID)))
                    .toList();
            List<ConsumerRecord<String, byte[]>> copies = kafka.readAll(prefix + topic.name());
            assertSameRecords(copies, source);
        }
        assertThat(kafka.readAll(prefix + Topics.HOST_EVENTS)).extracting(ConsumerRecord::key)
                .doesNotContain(story.stranger).contains(story.database, story.compute);
    }

    @Test
    void aTimeWindowOfAllTopicsIsCopiedWithItsHostsEventsFromBeforeTheDeployment() throws Exception {
        DeploymentStory story = new DeploymentStory();
        Instant from = Instant.now();
        story.publish(kafka);
        Instant to = Instant.now();
        String prefix = "window-" + UUID.randomUUID() + ".";

        CliRun.Result result = new CliRun(directory).run("events", "replay", "--bootstrap-servers", bootstrap,
                "--from", from.toString(), "--to", to.toString(), "--topic-prefix", prefix);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("offsets are the target's");
        for (TopicSpec topic : TopicSpec.CONTRACT) {
            List<ConsumerRecord<String, byte[]>> window = kafka.readAll(topic.name()).stream()
                    .filter(record -> record.timestamp() >= from.toEpochMilli()
                            && record.timestamp() <= to.toEpochMilli())
                    .toList();
            assertSameRecords(kafka.readAll(prefix + topic.name()), window);
        }
        assertThat(kafka.readAll(prefix + Topics.HOST_EVENTS)).extracting(ConsumerRecord::key)
                .contains(story.stranger, story.database);
    }

    @Test
    void offsetsSelectASliceOfOnePartitionWithTheLastOneIncluded() throws Exception {
        String topic = "replay-source-" + UUID.randomUUID();
        createTopic(topic, 1);
        List<EventEnvelope> events = new DeploymentStory().ofDeployment.subList(0, 6);
        for (EventEnvelope event : events) {
            ProducerRecord<String, byte[]> record = EventCodec.toRecord(event);
            kafka.send(new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers()));
        }
        String prefix = "offsets-" + UUID.randomUUID() + ".";

        CliRun.Result result = new CliRun(directory).run("events", "replay", "--bootstrap-servers", bootstrap,
                "--topics", topic, "--from", "2", "--to", "4", "--into", prefix);

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<ConsumerRecord<String, byte[]>> copies = kafka.readAll(prefix + topic);
        assertThat(copies).extracting(record -> EventCodec.header(record.headers(), CloudEventHeaders.ID))
                .containsExactlyElementsOf(ids(events.subList(2, 5)));
        assertSameRecords(copies, kafka.readAll(topic).subList(2, 5));
    }

    @Test
    void replayingIntoTheTopicsItReadsIsRefused() {
        CliRun.Result result = new CliRun(directory).run("events", "replay", "--bootstrap-servers", bootstrap,
                "--from", "beginning");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("--into-bootstrap-servers", "--topic-prefix");
    }

    @Test
    void intoAndTheExplicitTargetOptionsAreNotMixed() {
        CliRun.Result result = new CliRun(directory).run("events", "replay", "--bootstrap-servers", bootstrap,
                "--from", "beginning", "--into", "replay.", "--topic-prefix", "other.");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("--into", "--topic-prefix");
    }

    @Test
    void aPositionThatIsNeitherTimeNorOffsetIsAUsageError() {
        CliRun.Result result = new CliRun(directory).run("events", "replay", "--bootstrap-servers", bootstrap,
                "--from", "yesterday", "--topic-prefix", "x.");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("--from", "yesterday");
    }

    /** Same keys, values, headers, partitions, timestamps; each partition in the same order. */
    private static void assertSameRecords(List<ConsumerRecord<String, byte[]>> copies,
            List<ConsumerRecord<String, byte[]>> originals) {
        assertThat(byPartition(copies)).isEqualTo(byPartition(originals));
        assertThat(copies).hasSameSizeAs(originals);
    }

    private static Map<Integer, List<String>> byPartition(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().sorted(Comparator.comparingLong(ConsumerRecord::offset))
                .collect(Collectors.groupingBy(ConsumerRecord::partition,
                        Collectors.mapping(EventsReplayTest::describe, Collectors.toList())));
    }

    private static String describe(ConsumerRecord<String, byte[]> record) {
        List<String> headers = new ArrayList<>();
        new RecordHeaders(record.headers().toArray()).forEach(header -> headers.add(header.key() + "="
                + Arrays.toString(header.value())));
        return record.key() + " | " + new String(record.value(), StandardCharsets.UTF_8) + " | " + headers + " | "
                + record.timestamp() + " " + record.timestampType();
    }

    private static List<String> ids(List<EventEnvelope> events) {
        return events.stream().map(EventEnvelope::id).toList();
    }

    private static void createTopic(String topic, int partitions) throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(properties)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
    }
}
