package org.staypuft.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.staypuft.events.TopicSpec;

/**
 * A real single-node Kafka (KRaft, combined broker and controller) in its own JVM, started from the Kafka jars
 * that come from Maven Central: {@code StorageTool format}, then {@code kafka.Kafka server.properties}.
 */
final class KafkaBroker {

    private final StackLayout layout;
    private final ChildProcesses processes;
    private final int port;
    private final int controllerPort;

    KafkaBroker(StackLayout layout, ChildProcesses processes) {
        this.layout = layout;
        this.processes = processes;
        this.port = layout.addresses().kafka();
        this.controllerPort = layout.addresses().kafkaController();
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    void start() throws IOException, InterruptedException {
        Path config = writeConfig();
        List<String> jvm = List.of("-Xms256m", "-Xmx768m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-cp",
                layout.libDirectory().resolve("*").toString());
        processes.runJava("kafka-format", jvm, List.of("kafka.tools.StorageTool", "format",
                "--cluster-id", Uuid.randomUuid().toString(), "--config", config.toString(), "--ignore-formatted"));
        processes.startJava("kafka", jvm, List.of("kafka.Kafka", config.toString()));
        awaitReadyAndCreateTopics();
    }

    private Path writeConfig() throws IOException {
        Files.createDirectories(layout.kafkaData());
        Path config = layout.stateDirectory().resolve("kafka-server.properties");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + layout.kafkaData().toAbsolutePath(),
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "group.initial.rebalance.delay.ms=0",
                "message.max.bytes=" + TopicSpec.MAX_MESSAGE_BYTES,
                "num.partitions=6",
                ""));
        return config;
    }

    private void awaitReadyAndCreateTopics() throws InterruptedException {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        try (Admin admin = Admin.create(properties)) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    break;
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka did not start, see " + layout.log("kafka"));
                    }
                    Thread.sleep(500);
                }
            }
            TopicSpec.createMissing(admin, TopicSpec.ALL, (short) 1);
        }
    }
}
