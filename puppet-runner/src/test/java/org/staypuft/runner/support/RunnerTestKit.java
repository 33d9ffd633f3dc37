package org.staypuft.runner.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.staypuft.events.EventCodec;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.StaypuftEvent;
import org.staypuft.events.Topics;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.events.provisioning.RebootCompleted;
import org.staypuft.events.puppet.PuppetRunCompleted;
import org.staypuft.events.puppet.RequestPuppetRun;
import org.staypuft.events.puppet.RunPurpose;
import org.staypuft.simulator.HostSimulator;
import org.staypuft.simulator.HostSpec;
import org.staypuft.simulator.SimulatedHost;
import org.staypuft.testsupport.StaypuftTokens;

import io.restassured.RestAssured;

import static org.awaitility.Awaitility.await;

/**
 * What the runner's tests share: a host simulator, the runner's public key, a producer of commands and a consumer
 * that collects everything on the results topic, as the orchestrator would see it.
 */
public final class RunnerTestKit {

    public static final String TEST_SOURCE = "/staypuft/test-orchestrator";
    private static RunnerTestKit instance;

    private final HostSimulator simulator = HostSimulator.start();
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, List<EventEnvelope>> results = new ConcurrentHashMap<>();
    private final Map<String, Long> completedAtNanos = new ConcurrentHashMap<>();
    private String runnerKey;

    private RunnerTestKit() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
        Thread collector = new Thread(() -> collect(bootstrap), "test-results-collector");
        collector.setDaemon(true);
        collector.start();
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
    }

    public static synchronized RunnerTestKit get() {
        if (instance == null) {
            instance = new RunnerTestKit();
        }
        return instance;
    }

    public HostSimulator simulator() {
        return simulator;
    }

    /** The runner's authorized_keys line, from its REST API (asked inside a test, once RestAssured knows the port). */
    public synchronized String runnerKey() {
        if (runnerKey == null) {
            runnerKey = RestAssured.given().auth().oauth2(StaypuftTokens.viewer("runner-test-kit"))
                    .get("/api/v1/ssh/public-key").then().statusCode(200).extract().asString().trim();
        }
        return runnerKey;
    }

    /** A host that accepts the runner's key. */
    public SimulatedHost host(String role) {
        return simulator.addHost(spec(role).build());
    }

    public HostSpec.Builder spec(String role) {
        return HostSpec.named(role + "-" + UUID.randomUUID().toString().substring(0, 8)).role(role)
                .runDuration(Duration.ofMillis(100)).authorizedKey(runnerKey());
    }

    public static RequestPuppetRun runOn(SimulatedHost host, String environment) {
        return runOn(host, environment, List.of(), 60);
    }

    public static RequestPuppetRun runOn(SimulatedHost host, String environment, List<SshHostKey> expectedKeys,
            int timeoutSeconds) {
        return runOn(host, environment, expectedKeys, 0, timeoutSeconds);
    }

    public static RequestPuppetRun runOn(SimulatedHost host, String environment, List<SshHostKey> expectedKeys,
            int sshReadyTimeoutSeconds, int timeoutSeconds) {
        return new RequestPuppetRun(UUID.randomUUID().toString(), "deployment-1", "run-1",
                "step-" + host.name(), hostIdOf(host), host.name() + ".example.com", host.address().getHostAddress(),
                host.sshPort(), "root", environment, RunPurpose.DEPLOY, expectedKeys, sshReadyTimeoutSeconds,
                timeoutSeconds);
    }

    /** The host registry's id of a host: "mac" and its boot MAC's hex digits. */
    public static String hostIdOf(SimulatedHost host) {
        return "mac" + host.mac().replace(":", "");
    }

    public static List<SshHostKey> keysOf(String openSshLine) {
        String[] parts = openSshLine.split(" ");
        return List.of(new SshHostKey(parts[0], parts[1]));
    }

    /** Sends a command as the orchestrator would, with a fresh event id. */
    public EventEnvelope send(StaypuftEvent command) {
        EventEnvelope envelope = EventEnvelope.wrap(TEST_SOURCE, command);
        resend(envelope);
        return envelope;
    }

    /** Sends exactly this record again (same event id): a Kafka redelivery. */
    public void resend(EventEnvelope envelope) {
        try {
            producer.send(EventCodec.toRecord(envelope)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot send " + envelope.type(), e);
        }
    }

    public List<EventEnvelope> resultsFor(String requestId) {
        return List.copyOf(results.getOrDefault(requestId, List.of()));
    }

    public <T extends StaypuftEvent> List<T> resultsFor(String requestId, Class<T> type) {
        return resultsFor(requestId).stream().filter(event -> type.isInstance(event.payload()))
                .map(event -> type.cast(event.payload())).toList();
    }

    /** When this JVM first saw the request's completed event ({@link System#nanoTime()}), or null. */
    public Long completedAtNanos(String requestId) {
        return completedAtNanos.get(requestId);
    }

    public PuppetRunCompleted awaitCompletion(String requestId) {
        return awaitCompletion(requestId, Duration.ofSeconds(30));
    }

    public PuppetRunCompleted awaitCompletion(String requestId, Duration timeout) {
        await().atMost(timeout).until(() -> !resultsFor(requestId, PuppetRunCompleted.class).isEmpty());
        return resultsFor(requestId, PuppetRunCompleted.class).get(0);
    }

    public RebootCompleted awaitReboot(String requestId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !resultsFor(requestId, RebootCompleted.class).isEmpty());
        return resultsFor(requestId, RebootCompleted.class).get(0);
    }

    private void collect(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-results-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.PUPPET_RESULTS));
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        EventCodec.decode(record).ifPresent(event -> {
                            String requestId = requestIdOf(event.payload());
                            results.computeIfAbsent(requestId, id -> new CopyOnWriteArrayList<>()).add(event);
                            if (event.payload() instanceof PuppetRunCompleted) {
                                completedAtNanos.putIfAbsent(requestId, System.nanoTime());
                            }
                        });
                    } catch (RuntimeException e) {
                        System.err.println("Undecodable result " + record + ": " + e);
                    }
                }
            }
        }
    }

    private static String requestIdOf(StaypuftEvent payload) {
        try {
            return (String) payload.getClass().getMethod("requestId").invoke(payload);
        } catch (ReflectiveOperationException e) {
            return "unknown";
        }
    }
}
