package org.staypuft.kit.health;

import java.nio.file.Files;
import java.util.Map;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.staypuft.events.TopicSpec;
import org.staypuft.testsupport.KafkaTestResource;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A broker of the test's own (not the JVM's shared one), so that the test can kill it. The kit's other tests restrict
 * the shared broker to their own classes, so this one's address is the only one the application sees.
 */
public class OwnKafkaBroker implements QuarkusTestResourceLifecycleManager {

    private static KafkaClusterTestKit cluster;

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", startBroker());
    }

    @Override
    public void stop() {
        // killed by the test; the kit closes what is left when the JVM ends
    }

    private static synchronized String startBroker() {
        if (cluster == null) {
            try {
                TestKitNodes nodes = new TestKitNodes.Builder()
                        .setBaseDirectory(Files.createTempDirectory("staypuft-own-kafka-"))
                        .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                        .setBootstrapMetadataVersion(MetadataVersion.latestProduction()).build();
                cluster = new KafkaClusterTestKit.Builder(nodes)
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .setDeleteOnClose(true).build();
                cluster.format();
                cluster.startup();
                cluster.waitForReadyBrokers();
                KafkaTestResource.createTopics(cluster.bootstrapServers(), TopicSpec.ALL);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return cluster.bootstrapServers();
    }

    static synchronized String bootstrap() {
        return cluster.bootstrapServers();
    }

    static synchronized void kill() throws Exception {
        cluster.close();
    }
}
