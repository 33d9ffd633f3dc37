package org.staypuft.runner.replica;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.staypuft.events.EventCodec;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.Topics;
import org.staypuft.events.puppet.PuppetRunCompleted;
import org.staypuft.events.puppet.RequestPuppetRun;
import org.staypuft.events.puppet.RunOutcome;
import org.staypuft.events.puppet.RunPurpose;
import org.staypuft.simulator.HostSimulator;
import org.staypuft.simulator.HostSpec;
import org.staypuft.simulator.SimulatedHost;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;
import org.staypuft.testsupport.ServiceProcess;
import org.staypuft.testsupport.StaypuftTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two packaged runner processes share one database and one consumer group; one is killed (SIGKILL) while puppet runs
 * on two hosts and four more requests wait for its sessions. The other replica takes over once the killed one's lease
 * has run out: the runs it finds RUNNING complete as interrupted without running again, the queued ones run there, and
 * no host, whatever was redelivered on the way, sees puppet run twice.
 */
class TwoReplicasIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String SOURCE = "/staypuft/test-orchestrator";

    private static final HostSimulator simulator = HostSimulator.start();
    private static final KafkaTestClient kafka = KafkaTestClient.ofTestBroker();
    private static Map<String, String> sharedDatabase;
    private static Map<String, String> replicaSettings;

    @BeforeAll
    static void sharedSettings() {
        KafkaTestResource.startBroker();
        sharedDatabase = new PostgresTestResource().start();
        replicaSettings = new HashMap<>(sharedDatabase);
        // One key for both replicas, as the mounted Secret would be; the first start creates it.
        replicaSettings.put("staypuft.runner.ssh.key-path",
                Path.of("target", "it-keys", "id_ed25519").toAbsolutePath().toString());
        replicaSettings.put("staypuft.runner.ssh.max-sessions", "2");
        // The simulator's hosts live on 127.x addresses: the provisioning network of this test.
        replicaSettings.put("staypuft.runner.network.provisioning-networks", "127.0.0.0/8");
        replicaSettings.put("staypuft.runner.replica.lease", "3s");
        replicaSettings.put("staypuft.runner.replica.heartbeat", "500ms");
    }

    @AfterAll
    static void stopHosts() {
        simulator.close();
    }

    @Test
    void aKilledReplicasRequestsAreTakenOverAndNoHostRunsPuppetTwice() throws Exception {
        try (ServiceProcess first = ServiceProcess.start(ROOT, "puppet-runner", replicaSettings)) {
            String runnerKey = publicKey(first);
            List<SimulatedHost> longRuns = hosts(2, runnerKey, Duration.ofMinutes(2));
            List<SimulatedHost> queuedRuns = hosts(4, runnerKey, Duration.ofMillis(200));
            List<EventEnvelope> sent = new ArrayList<>();
            longRuns.forEach(host -> sent.add(send(runOn(host))));
            await().atMost(Duration.ofSeconds(60)).until(() -> longRuns.stream().allMatch(h -> h.agent()
                    .runInProgress()));
            // The first replica's two sessions are busy: these wait in its queue, still QUEUED in the database.
            queuedRuns.forEach(host -> sent.add(send(runOn(host))));
            await().atMost(Duration.ofSeconds(60)).until(() -> count("state = 'QUEUED'") == 4);

            try (ServiceProcess second = ServiceProcess.start(ROOT, "puppet-runner", replicaSettings)) {
                // The partitions are shared between the two now. Every request again, both ways it can come back:
                // the same record (Kafka redelivery) and the same request id in a new event (the orchestrator asks
                // again). Whichever replica consumes them must not run them.
                for (EventEnvelope envelope : List.copyOf(sent)) {
                    kafka.send(envelope);
                    kafka.send(EventEnvelope.wrap(SOURCE, envelope.payload()));
                }
                // Six first deliveries and six new event ids in the inbox (a redelivery adds none); the redeliveries
                // came before the new ids on their partitions.
                await().atMost(Duration.ofSeconds(60)).until(() -> processedCommands() == 2 * sent.size());
                assertThat(count("state = 'RUNNING'")).isEqualTo(2);
                assertThat(count("state = 'QUEUED'")).isEqualTo(4);

                first.kill();

                Map<String, PuppetRunCompleted> completions = awaitCompletions(sent);
                for (SimulatedHost host : longRuns) {
                    PuppetRunCompleted interrupted = completions.get(RunnerHostIds.of(host));
                    assertThat(interrupted.outcome()).isEqualTo(RunOutcome.FAILED);
                    assertThat(interrupted.reason()).startsWith("interrupted: the runner stopped while puppet was "
                            + "running");
                }
                for (SimulatedHost host : queuedRuns) {
                    assertThat(completions.get(RunnerHostIds.of(host)).outcome()).isEqualTo(RunOutcome.CHANGED);
                }
                for (SimulatedHost host : simulator.hosts()) {
                    assertThat(host.puppetRuns()).as("puppet runs on %s", host.name()).isOne();
                }
                assertThat(count("state <> 'COMPLETED'")).isZero();
                assertThat(distinctOwners()).as("every request ends with the replica that is still alive")
                        .containsExactly(liveReplica());
            }
        }
    }

    private List<SimulatedHost> hosts(int count, String runnerKey, Duration runDuration) {
        List<SimulatedHost> hosts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hosts.add(simulator.addHost(HostSpec.named("compute-" + UUID.randomUUID().toString().substring(0, 8))
                    .role("compute").runDuration(runDuration).authorizedKey(runnerKey).build()));
        }
        return hosts;
    }

    private static RequestPuppetRun runOn(SimulatedHost host) {
        return new RequestPuppetRun(UUID.randomUUID().toString(), "deployment-1", "run-1", "step-" + host.name(),
                RunnerHostIds.of(host), host.name() + ".example.com", host.address().getHostAddress(),
                host.sshPort(), "root", "production", RunPurpose.DEPLOY, List.of(), 0, 300);
    }

    private static EventEnvelope send(RequestPuppetRun request) {
        EventEnvelope envelope = EventEnvelope.wrap(SOURCE, request);
        kafka.send(envelope);
        return envelope;
    }

    /** The first completion of every request sent, by host id; every later one (a repeat's answer) equal to it. */
    private static Map<String, PuppetRunCompleted> awaitCompletions(List<EventEnvelope> sent) {
        Map<String, PuppetRunCompleted> byHost = new HashMap<>();
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            byHost.clear();
            for (ConsumerRecord<String, byte[]> record : kafka.readAll(Topics.PUPPET_RESULTS)) {
                EventCodec.decode(record).map(EventEnvelope::payload)
                        .filter(PuppetRunCompleted.class::isInstance).map(PuppetRunCompleted.class::cast)
                        .ifPresent(completed -> {
                            PuppetRunCompleted earlier = byHost.putIfAbsent(completed.hostId(), completed);
                            assertThat(earlier == null || earlier.equals(completed))
                                    .as("every answer to %s is the same", completed.requestId()).isTrue();
                        });
            }
            return byHost.size() == sent.size();
        });
        return byHost;
    }

    private static String publicKey(ServiceProcess runner) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(runner.url() + "/api/v1/ssh/public-key"))
                        .header("Authorization", "Bearer " + StaypuftTokens.viewer("two-replicas-it")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().trim();
    }

    private static int count(String condition) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM runner_request WHERE " + condition)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static int processedCommands() throws SQLException {
        return Integer.parseInt(strings("SELECT count(*) FROM processed_event").get(0));
    }

    private static List<String> distinctOwners() throws SQLException {
        return strings("SELECT DISTINCT owner FROM runner_request");
    }

    private static String liveReplica() throws SQLException {
        List<String> live = strings("SELECT id FROM runner_replica WHERE lease_until > now()");
        assertThat(live).hasSize(1);
        return live.get(0);
    }

    private static List<String> strings(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(sharedDatabase.get("quarkus.datasource.jdbc.url"),
                sharedDatabase.get("quarkus.datasource.username"), sharedDatabase.get("quarkus.datasource.password"));
    }

    /** The host registry's id of a simulated host. */
    private static final class RunnerHostIds {

        static String of(SimulatedHost host) {
            return "mac" + host.mac().replace(":", "");
        }
    }
}
