package org.staypuft.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.staypuft.events.TopicSpec;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Kafka broker (one combined KRaft node) in the test JVM, with the contract's topics created.
 * <p>
 * {@code -Dstaypuft.test.kafka.bootstrap=host:port} points the tests at an external broker instead.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String EXTERNAL_BOOTSTRAP = "staypuft.test.kafka.bootstrap";
    /** {@code true}: the broker is a {@link KafkaProcess} (its own JVM, killable and restartable). */
    public static final String AS_PROCESS = "staypuft.test.kafka.process";

    private static KafkaClusterTestKit cluster;
    private static Path baseDirectory;
    private static String bootstrapServers;
    private static KafkaProcess process;

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", startBroker());
    }

    /** Starts the broker once per JVM (test classes share it) and returns its bootstrap servers. */
    public static synchronized String startBroker() {
        if (bootstrapServers != null) {
            return bootstrapServers;
        }
        String external = System.getProperty(EXTERNAL_BOOTSTRAP);
        if (external != null && !external.isBlank()) {
            bootstrapServers = external;
        } else if (Boolean.getBoolean(AS_PROCESS)) {
            try {
                process = KafkaProcess.start();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Cannot start the Kafka broker process", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            bootstrapServers = process.bootstrapServers();
            Runtime.getRuntime().addShutdownHook(new Thread(process::close, "kafka-process-stop"));
        } else {
            bootstrapServers = startEmbedded();
            Runtime.getRuntime().addShutdownHook(new Thread(KafkaTestResource::closeQuietly, "kafka-test-stop"));
        }
        createTopics(bootstrapServers, TopicSpec.ALL);
        return bootstrapServers;
    }

    /** The broker process, when the tests asked for one ({@link #AS_PROCESS}); started on first use. */
    public static KafkaProcess brokerProcess() {
        startBroker();
        if (process == null) {
            throw new IllegalStateException("the test broker is not a process: set -D" + AS_PROCESS + "=true");
        }
        return process;
    }

    public static void createTopics(String bootstrap, List<TopicSpec> topics) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(properties)) {
            TopicSpec.createMissing(admin, topics, (short) 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String startEmbedded() {
        try {
            // Our own directory: the kit's default one is deleted by a JVM hook that races the broker's shutdown.
            baseDirectory = Files.createTempDirectory("staypuft-kafka-");
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setBaseDirectory(baseDirectory)
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .build();
            cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("message.max.bytes", TopicSpec.MAX_MESSAGE_BYTES)
                    .setDeleteOnClose(true)
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return cluster.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the embedded Kafka broker", e);
        }
    }

    @Override
    public void stop() {
        // The broker lives as long as the JVM: Quarkus restarts between test classes would otherwise pay for it again.
    }

    private static synchronized void closeQuietly() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                // shutting down anyway
            }
            cluster = null;
        }
    }
}
