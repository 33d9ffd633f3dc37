package org.staypuft.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.StaypuftEvent;
import org.staypuft.events.Topics;
import org.staypuft.events.deployment.DeploymentConfigured;
import org.staypuft.events.deployment.RoleConfiguration;
import org.staypuft.events.host.HostAssigned;
import org.staypuft.events.host.HostConfigurationChanged;
import org.staypuft.events.host.HostRegistered;
import org.staypuft.events.host.HostSnapshot;
import org.staypuft.events.host.HostStateChanged;
import org.staypuft.events.host.HostUnassigned;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.ServiceProcess;
import org.staypuft.testsupport.StaypuftTokens;
import org.staypuft.testsupport.TestHostIds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read-model rebuild of docs/operations.md, performed on the packaged services: a host-registry that lived
 * through discoveries (real discovery-image uploads through the packaged listener), registrations, a deployment's
 * configuration and its hosts' assignments and state changes is stopped; a registry on an empty database, with its
 * consumer groups deleted, rebuilds from the topics an inventory (hosts, raw facts, node classifications) equal to
 * the one it replaced.
 */
class InventoryRebuildIT {

    private static final Path ROOT = Path.of(System.getProperty("staypuft.repository.root", ".."));
    private static final Path FIXTURES = ROOT.resolve("discovery-listener/src/test/resources/fixtures/discovery-facts");
    /** The registry's channels (host-registry's application.properties) and the topic each reads. */
    private static final Map<String, String> CHANNEL_TOPICS = Map.of("host-events", Topics.HOST_EVENTS,
            "host-facts", Topics.HOST_FACTS, "deployment-events", Topics.DEPLOYMENT_EVENTS);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String deploymentId = "dep-" + UUID.randomUUID();
    private final String deploymentName = "rebuild-" + suffix;
    private final KafkaTestClient kafka = KafkaTestClient.ofTestBroker();
    private final List<ServiceProcess> services = new ArrayList<>();
    private final RegistryEnc enc = RegistryEnc.onAFreePort();
    /**
     * This test's registry is an installation of its own on the shared broker: its consumer groups get names of
     * their own (the real ones, host-registry.CHANNEL, belong to the end-to-end stack's registry, still running).
     */
    private final Map<String, String> groupTopics = CHANNEL_TOPICS.entrySet().stream().collect(Collectors.toMap(
            channel -> group(channel.getKey()), Map.Entry::getValue));

    @AfterEach
    void stopServices() {
        services.forEach(ServiceProcess::close);
    }

    @Test
    void aRegistryOnAnEmptyDatabaseRebuildsTheSameInventoryFromTheTopics() throws Exception {
        // A registry that has read the topics from the beginning, like one that ran since the first event.
        deleteRegistryGroups();
        ServiceProcess listener = start("discovery-listener");
        ServiceProcess registry = startRegistry();
        List<String> discovered = uploadDiscoveryFixtures(listener);
        // Registered hosts: ids from their MAC like every host, names from their hostname (their Puppet certname).
        String controller = hostId();
        String compute = hostId();
        String spare = hostId();
        liveThroughADeployment(discovered.get(0), controller, compute, spare);
        awaitHost(registry, controller, "deployed");
        awaitHost(registry, compute, "failed");
        awaitHost(registry, spare, "free");
        awaitHost(registry, discovered.get(0), "assigned");
        // Everything the listener published is in (its outbox relay is asynchronous): hosts and their raw facts.
        discovered.forEach(hostId -> awaitFacts(registry, hostId));
        awaitCaughtUp();
        List<String> certnames = List.of(hostname(controller), hostname(compute), discovered.get(0));
        Map<String, JsonNode> before = inventory(registry, certnames);

        // The procedure: stop the registry, give it an empty database, delete its consumer groups, start it.
        registry.close();
        deleteRegistryGroups();
        ServiceProcess rebuilt = startRegistry();
        awaitCaughtUp();
        Map<String, JsonNode> after = inventory(rebuilt, certnames);

        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        before.forEach((key, value) -> assertThat(after.get(key)).as(key).isEqualTo(value));
        assertThat(before.get("host " + controller).path("runmode").asText()).isEqualTo("service");
        assertThat(before.get("enc " + hostname(controller)).asText()).contains("role::controller", "ntp_server");
        assertThat(before.keySet()).filteredOn(key -> key.startsWith("facts ")).hasSizeGreaterThanOrEqualTo(
                discovered.size());
    }

    private ServiceProcess start(String module) throws IOException, InterruptedException {
        return start(module, Map.of());
    }

    private ServiceProcess start(String module, Map<String, String> settings)
            throws IOException, InterruptedException {
        ServiceProcess service = ServiceProcess.start(ROOT, module, settings);
        services.add(service);
        return service;
    }

    private ServiceProcess startRegistry() throws IOException, InterruptedException {
        Map<String, String> settings = CHANNEL_TOPICS.keySet().stream().collect(Collectors.toMap(
                channel -> "mp.messaging.incoming." + channel + ".group.id", this::group));
        settings.putAll(enc.registrySettings());
        return start("host-registry", settings);
    }

    private String group(String channel) {
        return "rebuild-" + suffix + "." + channel;
    }

    /**
     * Real discovery-image uploads, each under a MAC of its own (every occurrence of the fixture's MAC replaced), so
     * that the hosts are this test's: other tests on the shared broker count the events of the fixtures' hosts.
     *
     * @return the host ids, as the listener names discovered hosts
     */
    private List<String> uploadDiscoveryFixtures(ServiceProcess listener) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Stream<Path> files = Files.list(FIXTURES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")
                    && !path.getFileName().toString().equals("default.json")).sorted().toList()) {
                String text = Files.readString(file);
                JsonNode original = factsOf(JSON.readTree(text));
                String mac = original.hasNonNull("discovery_bootif")
                        ? original.path("discovery_bootif").asText()
                        : original.path("macaddress").asText();
                String hostId = hostId();
                String ownMac = hostId.substring(3).replaceAll("(..)(?!$)", "$1:");
                text = Pattern.compile(Pattern.quote(mac), Pattern.CASE_INSENSITIVE).matcher(text).replaceAll(ownMac);
                text = Pattern.compile(Pattern.quote(mac.replace(":", "")), Pattern.CASE_INSENSITIVE).matcher(text)
                        .replaceAll(hostId.substring(3));
                ObjectNode upload = JSON.createObjectNode().set("facts", factsOf(JSON.readTree(text)));
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                        URI.create(listener.url() + "/api/v2/discovered_hosts/facts"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(upload.toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(file.toString()).isIn(200, 201);
                ids.add(hostId);
            }
        }
        return ids;
    }

    /** Most fixtures hold the bare facts, regular_host the whole upload. */
    private static JsonNode factsOf(JsonNode content) {
        return content.path("facts").isObject() ? content.path("facts") : content;
    }

    /** What the listener and the orchestrator publish while a deployment is configured, assigned and deployed. */
    private void liveThroughADeployment(String discoveredHost, String controller, String compute, String spare) {
        for (String registered : List.of(controller, compute, spare)) {
            send(new HostRegistered(registered, snapshot(registered), null));
        }
        send(new DeploymentConfigured(deploymentId, deploymentName, Map.of("ntp_server", "192.0.2.1"),
                List.of(new RoleConfiguration("controller", List.of("role::controller"), Map.of()),
                        new RoleConfiguration("compute", List.of("role::compute"), Map.of("cpu_mode", "host")))));
        send(new HostAssigned(controller, deploymentId, deploymentName, "controller", "discovery"));
        send(new HostAssigned(compute, deploymentId, deploymentName, "compute", "discovery"));
        send(new HostAssigned(discoveredHost, deploymentId, deploymentName, "compute", "discovery"));
        send(new HostAssigned(spare, deploymentId, deploymentName, "compute", "discovery"));
        send(new HostUnassigned(spare, deploymentId, "compute"));
        send(new HostConfigurationChanged(controller, deploymentId, "production", "none"));
        send(new HostStateChanged(controller, deploymentId, "deploying", null));
        send(new HostStateChanged(compute, deploymentId, "deploying", null));
        send(new HostStateChanged(compute, deploymentId, "failed", "Could not find class role::compute"));
        send(new HostConfigurationChanged(controller, deploymentId, null, "service"));
        send(new HostStateChanged(controller, deploymentId, "deployed", null));
    }

    private void send(StaypuftEvent payload) {
        kafka.send(EventEnvelope.wrap("/test/inventory-rebuild", payload));
    }

    /** A random MAC's id, as the listener names hosts: {@code mac} and twelve hex digits. */
    private static String hostId() {
        return TestHostIds.random();
    }

    private static String hostname(String hostId) {
        return "host-" + hostId.substring(3) + ".example.org";
    }

    private static HostSnapshot snapshot(String hostId) {
        String mac = hostId.substring(3).replaceAll("(..)(?!$)", "$1:");
        return new HostSnapshot(hostname(hostId), mac, "192.0.2.20", null, List.of(), null, List.of(new SshHostKey(
                "ssh-ed25519", "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl")), null);
    }

    private static void awaitHost(ServiceProcess registry, String hostId, String state) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            HttpResponse<String> answer = get(registry, "/api/v1/hosts/" + hostId, true);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(answer.body()).path("state").asText()).isEqualTo(state);
        });
    }

    private static void awaitFacts(ServiceProcess registry, String hostId) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> assertThat(
                get(registry, "/api/v1/hosts/" + hostId + "/facts", true).statusCode()).isEqualTo(200));
    }

    /** Every record of the registry's topics is processed: each group's committed offsets are the end offsets. */
    private void awaitCaughtUp() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> groupTopics.keySet().stream().allMatch(this::caughtUp));
    }

    private boolean caughtUp(String group) {
        try (Admin admin = admin()) {
            String topic = groupTopics.get(group);
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            Map<TopicPartition, Long> end = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest())))
                    .all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return partitions.stream().allMatch(partition -> end.get(partition) == 0
                    || committed.get(partition) != null && committed.get(partition).offset() >= end.get(partition));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    /** Step 3 of the procedure: a new registry must not resume where the old one stopped. */
    private void deleteRegistryGroups() throws InterruptedException {
        try (Admin admin = admin()) {
            for (String group : groupTopics.keySet()) {
                try {
                    admin.deleteConsumerGroups(List.of(group)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                        throw new IllegalStateException("Cannot delete consumer group " + group, e.getCause());
                    }
                }
            }
        }
    }

    private static Admin admin() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.startBroker());
        return Admin.create(properties);
    }

    /**
     * What the registry answers: every host of the inventory (all pages), the raw facts of each, and the node
     * classification of the deployment's hosts (which needs the deployment's configuration).
     */
    private Map<String, JsonNode> inventory(ServiceProcess registry, List<String> classified)
            throws Exception {
        Map<String, JsonNode> answers = new java.util.TreeMap<>();
        int page = 0;
        while (true) {
            HttpResponse<String> answer = get(registry, "/api/v1/hosts?size=500&page=" + page, true);
            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode items = JSON.readTree(answer.body()).path("items");
            for (JsonNode host : items) {
                String id = host.path("id").asText();
                answers.put("host " + id, host);
                HttpResponse<String> facts = get(registry, "/api/v1/hosts/" + id + "/facts", true);
                if (facts.statusCode() == 200) {
                    answers.put("facts " + id, JSON.readTree(facts.body()));
                }
            }
            if (items.size() < 500) {
                break;
            }
            page++;
        }
        for (String certname : classified) {
            HttpResponse<String> classification = HTTP.send(HttpRequest.newBuilder(
                    URI.create(enc.url() + "/api/v1/enc/" + certname))
                    .header("Authorization", "Bearer " + enc.secret()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(classification.statusCode()).as(classification.body()).isEqualTo(200);
            answers.put("enc " + certname, JSON.getNodeFactory().textNode(classification.body()));
        }
        return answers;
    }

    private static HttpResponse<String> get(ServiceProcess registry, String path, boolean authenticated)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.url() + path)).GET();
        if (authenticated) {
            request.header("Authorization", "Bearer " + StaypuftTokens.viewer("e2e"));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
