package org.staypuft.examples.watcher;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.staypuft.events.EventCodec;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.Topics;
import org.staypuft.events.UndecodableEventException;
import org.staypuft.events.deployment.DeploymentCompleted;
import org.staypuft.events.deployment.RoleReady;

/**
 * A tool outside Staypuft that follows deployments: it reads {@code staypuft.deployment-events.v1} with its own
 * consumer group and reacts to {@code role-ready} and {@code deployment.completed}. Everything it needs is the
 * {@code staypuft-events} library and kafka-clients.
 * <p>
 * How it treats the contract:
 * <ul>
 * <li>{@link EventCodec#decode} turns a record into an envelope and its typed payload; it returns empty for a
 * well-formed {@code org.staypuft.*} type this version of the library does not know (a newer producer): skipped.</li>
 * <li>A record it cannot decode at all is logged and skipped: a watcher must not stop on one bad record.</li>
 * <li>Delivery is at least once (offsets are committed after the reactions ran), so the same event may come again:
 * it skips {@code ce_id}s it has seen. Here in memory, bounded; a tool with its own database records them in the
 * transaction of its own change instead.</li>
 * </ul>
 */
public final class DeploymentWatcher implements AutoCloseable {

    /** How many recent event ids are remembered for de-duplication. */
    private static final int REMEMBERED_IDS = 10_000;

    private final KafkaConsumer<String, byte[]> consumer;
    private final DeploymentReactions reactions;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<String, Boolean> seen = new LinkedHashMap<>(16, 0.75f, false) {

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_IDS;
        }
    };
    private volatile long skipped;

    /**
     * @param groupId the tool's own consumer group: never a Staypuft service's
     * @param fromBeginning a new group starts at the oldest event (true) or at new events only (false)
     */
    public DeploymentWatcher(String bootstrapServers, String groupId, boolean fromBeginning,
            DeploymentReactions reactions) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        this.reactions = reactions;
        consumer.subscribe(List.of(Topics.DEPLOYMENT_EVENTS));
    }

    /** Polls until {@link #close()} is called from another thread. */
    public void run() {
        try {
            while (!closed.get()) {
                poll(Duration.ofSeconds(1));
            }
        } catch (WakeupException e) {
            if (!closed.get()) {
                throw e;
            }
        } finally {
            consumer.close();
        }
    }

    /** One poll: reacts to what arrived, then commits it. */
    void poll(Duration timeout) {
        ConsumerRecords<String, byte[]> records = consumer.poll(timeout);
        for (ConsumerRecord<String, byte[]> record : records) {
            handle(record);
        }
        if (!records.isEmpty()) {
            consumer.commitSync();
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        Optional<EventEnvelope> decoded;
        try {
            decoded = EventCodec.decode(record);
        } catch (UndecodableEventException e) {
            skipped++;
            System.err.printf("Skipping undecodable record %s-%d@%d: %s%n", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        if (decoded.isEmpty()) {
            skipped++; // a newer event type: not ours to understand
            return;
        }
        EventEnvelope event = decoded.get();
        if (seen.put(event.id(), Boolean.TRUE) != null) {
            return; // delivered again
        }
        switch (event.type()) {
            case ROLE_READY -> reactions.roleReady(event, event.payloadAs(RoleReady.class));
            case DEPLOYMENT_COMPLETED -> reactions.deploymentCompleted(event,
                    event.payloadAs(DeploymentCompleted.class));
            default -> {
                // every other event of the topic: not what this tool watches
            }
        }
    }

    /** Records skipped because they could not be decoded or are of a type this library does not know. */
    public long skipped() {
        return skipped;
    }

    @Override
    public void close() {
        closed.set(true);
        consumer.wakeup();
    }

    /** {@code java -jar deployment-watcher.jar [bootstrap servers] [group id]}: prints what it sees. */
    public static void main(String... args) {
        String bootstrap = args.length > 0 ? args[0] : "localhost:19092";
        String group = args.length > 1 ? args[1] : "deployment-watcher";
        DeploymentWatcher watcher = new DeploymentWatcher(bootstrap, group, false, new DeploymentReactions() {

            @Override
            public void roleReady(EventEnvelope event, RoleReady ready) {
                System.out.printf("%s  role %s of deployment %s is ready (run %s: %d hosts ok, %d failed)%n",
                        event.time(), ready.role(), ready.deploymentId(), ready.runId(), ready.succeededHosts(),
                        ready.failedHosts());
            }

            @Override
            public void deploymentCompleted(EventEnvelope event, DeploymentCompleted completed) {
                System.out.printf("%s  deployment %s completed (run %s: %d hosts deployed in %d s)%n", event.time(),
                        completed.deploymentId(), completed.runId(), completed.hostsDeployed(),
                        completed.durationMillis() / 1000);
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(watcher::close, "deployment-watcher-stop"));
        System.err.println("Watching " + Topics.DEPLOYMENT_EVENTS + " at " + bootstrap + " as group " + group
                + " (Ctrl-C stops)");
        watcher.run();
    }
}
