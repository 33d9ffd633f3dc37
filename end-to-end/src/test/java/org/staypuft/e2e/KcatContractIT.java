package org.staypuft.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.staypuft.events.EventType;
import org.staypuft.events.Topics;
import org.staypuft.simulator.SimulatedHost;
import org.staypuft.testsupport.KafkaTestResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7's consumer contract, checked with a client none of us wrote: Debian's {@code kcat} reads every topic
 * after a real run (discovered and registered host) and every message must carry the binary-mode CloudEvents headers
 * ({@code ce_subject} equal to the key, {@code ce_dataschema} naming the schema of {@code ce_type}) and a payload
 * valid against that JSON Schema of the events module. Without kcat the test is skipped, except in CI.
 */
class KcatContractIT {

    private static final String SCHEMA_BASE = EventType.SCHEMA_BASE_URI;
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_BASE, "classpath:schemas/")));
    private static final SchemaValidatorsConfig ASSERT_FORMATS = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();
    private static final List<String> TOPICS = List.of(Topics.HOST_EVENTS, Topics.HOST_FACTS,
            Topics.PUPPET_COMMANDS, Topics.PUPPET_RESULTS, Topics.DEPLOYMENT_EVENTS);

    @Test
    void everyMessageOfARealRunHasCloudEventsHeadersAndAPayloadValidAgainstItsSchema() throws Exception {
        Optional<Path> kcat = kcat();
        if ("true".equals(System.getenv("CI"))) {
            assertThat(kcat).as("kcat must be installed in CI (.ci/install-packages)").isPresent();
        }
        Assumptions.assumeTrue(kcat.isPresent(), "kcat is not installed");
        Stack stack = Stack.get();
        Operator operator = new Operator(stack);
        SimulatedHost discovered = stack.addHost("kcat-database-1", "database", false);
        SimulatedHost registered = stack.addHost("kcat-compute-1", "compute", true);
        discovered.discoverAt(URI.create(stack.listener.url()));
        registered.registerAt(URI.create(stack.listener.url()), operator.registrationToken());
        Deployment deployment = new Deployment("kcat-contract")
                .role("database", List.of(), "quickstack::db::mariadb", 1, List.of(discovered))
                .role("compute", List.of("database"), "quickstack::compute", 1, List.of(registered));
        operator.awaitKnownToOrchestrator(deployment.hosts().stream().map(h -> h.announcement().hostId()).toList());
        String deploymentId = operator.createDeployment(deployment.spec());
        JsonNode run = operator.awaitEnded(operator.deploy(deploymentId), Duration.ofMinutes(3));
        assertThat(run.path("run").path("status").asText()).isEqualTo("COMPLETED");

        Set<String> typesOfThisDeployment = new HashSet<>();
        int messages = 0;
        for (String topic : TOPICS) {
            for (JsonNode message : consume(kcat.get(), topic)) {
                Map<String, String> headers = headers(message);
                assertValidCloudEvent(topic, message, headers);
                messages++;
                if (deploymentId.equals(headers.get("ce_deploymentid"))
                        || message.path("payload").asText().contains(deploymentId)) {
                    typesOfThisDeployment.add(headers.get("ce_type"));
                    assertThat(headers.get("ce_source")).as("ce_source of the run's %s", headers.get("ce_type"))
                            .startsWith("/staypuft/");
                }
            }
        }
        assertThat(messages).isPositive();
        assertThat(typesOfThisDeployment).as("event types of the run, as kcat saw them").contains(
                EventType.DEPLOYMENT_TRIGGERED.type(), EventType.DEPLOYMENT_COMPLETED.type(),
                EventType.ROLE_READY.type(), EventType.HOST_DEPLOYED.type(), EventType.AGENT_ENABLED.type(),
                EventType.PUPPET_RUN_REQUESTED.type(), EventType.PUPPET_RUN_COMPLETED.type(),
                EventType.REBOOT_REQUESTED.type(), EventType.REBOOT_COMPLETED.type());
    }

    private static void assertValidCloudEvent(String topic, JsonNode message, Map<String, String> headers) {
        String where = topic + "@" + message.path("partition").asText() + ":" + message.path("offset").asText();
        assertThat(headers).as("headers of %s", where).containsKeys("ce_id", "ce_type", "ce_specversion",
                "ce_source", "ce_time", "ce_subject", "ce_dataschema", "content-type");
        assertThat(headers.get("ce_specversion")).as("ce_specversion of %s", where).isEqualTo("1.0");
        assertThat(headers.get("ce_id")).as("ce_id of %s", where).isNotBlank();
        // Other tests publish onto the same topics under sources of their own: any URI-reference is valid.
        assertThat(URI.create(headers.get("ce_source")).toString()).as("ce_source of %s", where).isNotBlank();
        assertThat(headers.get("content-type")).as("content-type of %s", where).isEqualTo("application/json");
        assertThat(OffsetDateTime.parse(headers.get("ce_time"))).as("ce_time of %s", where).isNotNull();
        assertThat(headers.get("ce_subject")).as("ce_subject of %s is the key", where)
                .isEqualTo(message.path("key").asText());
        EventType type = EventType.fromType(headers.get("ce_type")).orElseThrow(() -> new AssertionError(
                "unknown ce_type " + headers.get("ce_type") + " on " + where));
        assertThat(type.topic()).as("topic of %s", type.type()).isEqualTo(topic);
        assertThat(headers.get("ce_dataschema")).as("ce_dataschema of %s", where).isEqualTo(type.dataSchema());
        JsonNode payload = readPayload(message, where);
        assertThat(SCHEMAS.getSchema(SchemaLocation.of(type.dataSchema()), ASSERT_FORMATS).validate(payload))
                .as("%s payload of %s against %s", type.type(), where, type.dataSchema()).isEmpty();
    }

    private static JsonNode readPayload(JsonNode message, String where) {
        try {
            return Operator.JSON.readTree(message.path("payload").asText());
        } catch (IOException e) {
            throw new AssertionError("payload of " + where + " is not JSON: " + message.path("payload"), e);
        }
    }

    /** kcat -J prints headers as a flat array {@code [name, value, name, value, ...]}. */
    private static Map<String, String> headers(JsonNode message) {
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode list = message.path("headers");
        for (int i = 0; i + 1 < list.size(); i += 2) {
            headers.put(list.get(i).asText(), list.get(i + 1).asText());
        }
        return headers;
    }

    /** The whole topic from the beginning to its current end, one JSON envelope per message. */
    private static List<JsonNode> consume(Path kcat, String topic) throws IOException, InterruptedException {
        Path output = Files.createTempFile("kcat-" + topic, ".jsonl");
        Path errors = Files.createTempFile("kcat-" + topic, ".err");
        Process process = new ProcessBuilder(kcat.toString(), "-C", "-b", KafkaTestResource.startBroker(), "-t",
                topic, "-o", "beginning", "-e", "-J", "-q").redirectOutput(output.toFile())
                .redirectError(errors.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kcat ends at the end of " + topic).isTrue();
        assertThat(process.exitValue()).as("kcat exit status, stderr: %s", Files.readString(errors)).isZero();
        List<JsonNode> messages = new ArrayList<>();
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                messages.add(Operator.JSON.readTree(line));
            }
        }
        Files.delete(output);
        Files.delete(errors);
        return messages;
    }

    private static Optional<Path> kcat() {
        for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(directory, "kcat");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
