package org.staypuft.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.staypuft.events.TopicSpec;

/**
 * A real single-node Kafka (KRaft, combined broker and controller) in its own JVM, from the Kafka jars on the test's
 * class path, with its data in a directory that outlives the process: {@link #kill()} SIGKILLs it and
 * {@link #restart()} brings it back on the same ports and data, as a supervisor would (issue 11's faults). The
 * end-to-end tests use it instead of the in-JVM broker ({@code -Dstaypuft.test.kafka.process=true}).
 */
public final class KafkaProcess {

    private final int port;
    private final Path config;
    private final Path logs;
    private volatile Process process;
    private int generation;

    private KafkaProcess(int port, Path config, Path logs) {
        this.port = port;
        this.config = config;
        this.logs = logs;
    }

    /** Formats a fresh data directory, starts the broker and waits until it answers, with the contract's topics. */
    public static KafkaProcess start() throws IOException, InterruptedException {
        int port = ServiceProcess.freePort();
        int controllerPort = ServiceProcess.freePort();
        Path base = Files.createTempDirectory("staypuft-kafka-process-");
        Path config = base.resolve("server.properties");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + base.resolve("data"),
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "group.initial.rebalance.delay.ms=0",
                "message.max.bytes=" + TopicSpec.MAX_MESSAGE_BYTES,
                "num.partitions=6",
                ""));
        Path logs = Files.createDirectories(Path.of("target", "service-logs"));
        Process format = new ProcessBuilder(java("kafka.tools.StorageTool", "format", "--cluster-id",
                Uuid.randomUuid().toString(), "--config", config.toString(), "--ignore-formatted"))
                .redirectErrorStream(true).redirectOutput(logs.resolve("kafka-format-" + port + ".log").toFile())
                .start();
        if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
            throw new IllegalStateException("Kafka's storage format failed, see target/service-logs");
        }
        KafkaProcess kafka = new KafkaProcess(port, config, logs);
        kafka.launch();
        kafka.awaitReady();
        KafkaTestResource.createTopics(kafka.bootstrapServers(), TopicSpec.ALL);
        return kafka;
    }

    private static List<String> java(String... mainAndArguments) {
        List<String> command = new java.util.ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xms128m", "-Xmx512m", "-cp",
                System.getProperty("java.class.path")));
        command.addAll(List.of(mainAndArguments));
        return command;
    }

    private synchronized void launch() throws IOException {
        generation++;
        process = new ProcessBuilder(java("kafka.Kafka", config.toString())).redirectErrorStream(true)
                .redirectOutput(logs.resolve("kafka-" + port + "-" + generation + ".log").toFile()).start();
    }

    /** Waits until the broker answers (at most two minutes). */
    public void awaitReady() throws InterruptedException {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "kafka-process-ready-" + UUID.randomUUID());
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try (Admin admin = Admin.create(properties)) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    if (System.nanoTime() > deadline || !process.isAlive()) {
                        throw new IllegalStateException("Kafka did not start, see target/service-logs/kafka-" + port
                                + "-" + generation + ".log");
                    }
                    Thread.sleep(500);
                }
            }
        }
    }

    /** SIGKILL, as {@code kill -9}: @return the exit value */
    public int kill() throws InterruptedException {
        Process running = process;
        running.destroyForcibly();
        if (!running.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Kafka did not die within 30 s of SIGKILL");
        }
        return running.exitValue();
    }

    /** Starts the broker again on the same ports and data, and waits until it answers. */
    public void restart() throws IOException, InterruptedException {
        if (process.isAlive()) {
            throw new IllegalStateException("Kafka is still running: kill it first");
        }
        launch();
        awaitReady();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Stops the broker (SIGTERM, then SIGKILL). */
    public void close() {
        Process running = process;
        if (running != null && running.isAlive()) {
            running.destroy();
            try {
                if (!running.waitFor(20, TimeUnit.SECONDS)) {
                    running.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.destroyForcibly();
            }
        }
    }
}
