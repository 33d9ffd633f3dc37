package org.staypuft.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.staypuft.events.EventType;
import org.staypuft.events.Topics;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.ServiceProcess;
import org.staypuft.testsupport.StaypuftTokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 2's promise across real process boundaries: every real discovery-image upload posted to the packaged
 * discovery-listener shows up, with its identity, addresses and SSH host keys, in the packaged host-registry's REST
 * API; the upload without MAC and address is refused with its reason; the same upload twice is one host and one
 * event. The expected values are read from the facts here, independently of the listener's code.
 */
@Execution(ExecutionMode.SAME_THREAD) // one test counts the hosts: nothing else may add any meanwhile
class DiscoveryToInventoryIT {

    private static final Path ROOT = Stack.ROOT;
    /** The listener module's copies of ../shared/fixtures/discovery-facts (foreman_discovery test data, GPL-3.0). */
    private static final Path FIXTURES = ROOT.resolve("discovery-listener/src/test/resources/fixtures/discovery-facts");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, String> KEY_FACTS = Map.of("sshrsakey", "ssh-rsa", "sshecdsakey",
            "ecdsa-sha2-nistp256", "sshed25519key", "ssh-ed25519");

    private static ServiceProcess listener;
    private static ServiceProcess registry;

    @BeforeAll
    static void startServices() {
        listener = Stack.get().listener;
        registry = Stack.get().registry;
    }

    static Stream<String> hostFixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".json") && !name.equals("default.json"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("hostFixtures")
    void anUploadedHostIsInTheInventoryWithItsIdentityAddressesAndKeys(String fixture) throws Exception {
        JsonNode upload = upload(fixture);
        JsonNode facts = upload.path("facts");
        String mac = firstText(facts, "discovery_bootif", "macaddress").toLowerCase();
        String hostId = "mac" + mac.replace(":", "");

        assertThat(postFacts(upload).statusCode()).isIn(200, 201);

        JsonNode host = awaitHost(hostId);
        assertThat(host.path("mac").asText()).isEqualTo(mac);
        assertThat(host.path("name").asText()).isEqualTo(hostId);
        assertThat(host.path("kind").asText()).isEqualTo("discovered");
        assertThat(host.path("state").asText()).isEqualTo("free");
        String ipv4 = firstText(facts, "discovery_bootip", "ipaddress");
        if (ipv4 != null) {
            assertThat(host.path("ipv4").asText()).isEqualTo(ipv4);
        } else {
            assertThat(host.path("ipv4").isNull() || host.path("ipv4").isMissingNode()).isTrue();
            assertThat(host.path("ipv6").asText()).isEqualTo(facts.path("ipaddress6").asText());
        }
        assertThat(keysOf(host)).isEqualTo(validKeysIn(facts));
        awaitRawFacts(hostId, facts);
    }

    @Test
    void anUploadWithoutMacAndAddressIsRefusedAndNothingAppears() throws Exception {
        JsonNode upload = upload("default.json");

        HttpResponse<String> answer = postFacts(upload);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).path("field").asText()).startsWith("facts.");
        assertThat(hostsTotal()).isEqualTo(hostsTotalAfterQuietPeriod());
    }

    @Test
    void theSameUploadTwiceIsOneHostAndOneEvent() throws Exception {
        JsonNode upload = upload("simple-bond.json");
        String hostId = "mac" + firstText(upload.path("facts"), "discovery_bootif", "macaddress").toLowerCase()
                .replace(":", "");

        postFacts(upload);
        assertThat(postFacts(upload).statusCode()).isEqualTo(200);
        awaitHost(hostId);

        var discovered = KafkaTestClient.ofTestBroker().read(Topics.HOST_EVENTS,
                record -> hostId.equals(record.key())
                        && EventType.HOST_DISCOVERED.type().equals(header(record.headers().lastHeader("ce_type"))),
                2, Duration.ofSeconds(5));
        assertThat(discovered).hasSize(1);
    }

    /** The image sends {@code {"facts": ...}}; most fixtures hold the bare facts, regular_host the whole upload. */
    private static JsonNode upload(String fixture) throws IOException {
        JsonNode content = JSON.readTree(FIXTURES.resolve(fixture).toFile());
        JsonNode facts = content.path("facts").isObject() ? content.path("facts") : content;
        return JSON.createObjectNode().set("facts", facts);
    }

    private static HttpResponse<String> postFacts(JsonNode upload) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(listener.url() + "/api/v2/discovered_hosts/facts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(upload.toString())).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode awaitHost(String hostId) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            HttpResponse<String> answer = getFromRegistry("/api/v1/hosts/" + hostId);
            if (answer.statusCode() != 200) {
                return false;
            }
            found[0] = JSON.readTree(answer.body());
            return true;
        });
        return found[0];
    }

    private static void awaitRawFacts(String hostId, JsonNode facts) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            HttpResponse<String> answer = getFromRegistry("/api/v1/hosts/" + hostId + "/facts");
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(answer.body())).isEqualTo(facts);
        });
    }

    private static long hostsTotal() throws IOException, InterruptedException {
        return JSON.readTree(getFromRegistry("/api/v1/hosts?size=1").body()).path("total").asLong();
    }

    /** Gives a wrongly published event time to arrive before counting again. */
    private static long hostsTotalAfterQuietPeriod() throws IOException, InterruptedException {
        Thread.sleep(2_000);
        return hostsTotal();
    }

    private static HttpResponse<String> getFromRegistry(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(registry.url() + path))
                .header("Authorization", "Bearer " + StaypuftTokens.viewer("e2e")).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> keysOf(JsonNode host) {
        Set<String> keys = new TreeSet<>();
        host.path("sshHostKeys").forEach(key -> keys.add(key.path("algorithm").asText() + " "
                + key.path("key").asText()));
        return keys;
    }

    /** The key facts whose base64 decodes to an SSH key of the algorithm the fact names. */
    private static Set<String> validKeysIn(JsonNode facts) {
        Set<String> keys = new TreeSet<>();
        List<String[]> candidates = new ArrayList<>();
        KEY_FACTS.forEach((fact, algorithm) -> {
            if (facts.hasNonNull(fact)) {
                candidates.add(new String[]{algorithm, facts.path(fact).asText()});
            }
        });
        facts.path("ssh").forEach(entry -> candidates.add(new String[]{entry.path("type").asText(),
                entry.path("key").asText()}));
        for (String[] candidate : candidates) {
            if (encodesAlgorithm(candidate[1], candidate[0])) {
                keys.add(candidate[0] + " " + candidate[1]);
            }
        }
        return keys;
    }

    private static boolean encodesAlgorithm(String base64, String algorithm) {
        try {
            ByteBuffer blob = ByteBuffer.wrap(Base64.getDecoder().decode(base64));
            byte[] name = new byte[blob.getInt()];
            blob.get(name);
            return algorithm.equals(new String(name, StandardCharsets.US_ASCII));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String firstText(JsonNode facts, String... names) {
        for (String name : names) {
            if (facts.hasNonNull(name) && !facts.path(name).asText().isBlank()) {
                return facts.path(name).asText();
            }
        }
        return null;
    }

    private static String header(org.apache.kafka.common.header.Header header) {
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
