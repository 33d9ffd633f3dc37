package org.staypuft.events;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code asyncapi.yaml} describes every event type on its topic, who sends it and who receives it. */
class AsyncApiTest {

    private static final AsyncApiDocument ASYNCAPI = AsyncApiDocument.load();

    @Test
    void isAnAsyncApi3Document() {
        assertThat(ASYNCAPI.root().path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(ASYNCAPI.root().path("info").path("title").asText()).isNotBlank();
        assertThat(ASYNCAPI.root().path("info").path("version").asText()).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeHasAMessageOnItsTopic(EventType type) {
        String key = messageKey(type);
        JsonNode message = ASYNCAPI.messages().get(key);
        List<String> channels = ASYNCAPI.channelsOf(key);

        assertThat(message.path("payload").path("$ref").asText()).isEqualTo(type.schemaPath());
        assertThat(message.path("contentType").asText()).isEqualTo(CloudEventHeaders.CONTENT_TYPE_VALUE);
        assertThat(channels).as("channels carrying %s", key).hasSize(1);
        assertThat(ASYNCAPI.channels().get(channels.get(0)).path("address").asText()).isEqualTo(type.topic());
    }

    @Test
    void everyMessageIsAnEventType() {
        Set<String> types = Arrays.stream(EventType.values()).map(EventType::type).collect(Collectors.toSet());

        assertThat(ASYNCAPI.messages().values()).extracting(message -> message.path("name").asText())
                .doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(types).as("EventType of message %s", name).contains(name));
    }

    @Test
    void channelsAreTheContractTopics() {
        assertThat(ASYNCAPI.channels()).hasSameSizeAs(TopicSpec.CONTRACT);
        for (TopicSpec topic : TopicSpec.CONTRACT) {
            JsonNode channel = ASYNCAPI.channels().values().stream()
                    .filter(candidate -> topic.name().equals(candidate.path("address").asText()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("No channel for topic " + topic.name()));
            JsonNode kafka = channel.path("bindings").path("kafka");
            JsonNode configuration = kafka.path("topicConfiguration");

            assertThat(kafka.path("topic").asText()).isEqualTo(topic.name());
            assertThat(kafka.path("partitions").asInt()).as("partitions of %s", topic.name())
                    .isEqualTo(topic.partitions());
            assertThat(configuration.path("cleanup.policy").get(0).asText()).as("cleanup.policy of %s", topic.name())
                    .isEqualTo(topic.configs().get("cleanup.policy"));
            for (String config : List.of("retention.ms", "max.message.bytes")) {
                assertThat(Optional.ofNullable(configuration.get(config)).map(JsonNode::asText))
                        .as("%s of %s", config, topic.name())
                        .isEqualTo(Optional.ofNullable(topic.configs().get(config)));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void recordKeyIsTheAggregateTheMessageBindingNames(EventType type) {
        JsonNode key = ASYNCAPI.resolve(ASYNCAPI.messages().get(messageKey(type)).path("bindings"))
                .path("kafka").path("key");
        StaypuftEvent sample = SampleEvents.full(type);
        // Deployment events are keyed by deployment, everything else by host.
        boolean byDeployment = type.topic().equals(Topics.DEPLOYMENT_EVENTS);

        assertThat(ContractSchemas.inline(key).validate(TextNode.valueOf(sample.aggregateId()))).isEmpty();
        assertThat(key.path("description").asText()).contains(byDeployment ? "deployment" : "host");
        assertThat(sample.aggregateId()).isEqualTo(component(sample, byDeployment ? "deploymentId" : "hostId"));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeHasASenderAndAReceiver(EventType type) {
        String key = messageKey(type);
        String ref = "#/channels/" + ASYNCAPI.channelsOf(key).get(0) + "/messages/" + key;

        assertThat(operationsWith("send", ref)).as("senders of %s", type.type()).isNotEmpty();
        assertThat(operationsWith("receive", ref)).as("receivers of %s", type.type()).isNotEmpty();
    }

    @Test
    void operationsNameTheirServiceAndMessagesOfTheirOwnChannel() {
        ASYNCAPI.operations().forEach((id, operation) -> {
            String channel = operation.path("channel").path("$ref").asText();
            List<JsonNode> tags = new ArrayList<>();
            operation.path("tags").forEach(tag -> tags.add(ASYNCAPI.resolve(tag)));

            assertThat(operation.path("action").asText()).as(id).isIn("send", "receive");
            assertThat(ASYNCAPI.resolve(operation.path("channel")).path("address").asText()).as(id).isNotBlank();
            assertThat(tags).as("service tag of %s", id).singleElement()
                    .satisfies(tag -> assertThat(tag.path("name").asText()).isNotBlank());
            assertThat(operation.path("messages")).as("messages of %s", id).isNotEmpty().allSatisfy(message -> {
                assertThat(message.path("$ref").asText()).startsWith(channel + "/messages/");
                assertThat(ASYNCAPI.resolve(message).path("name").asText()).startsWith(EventType.TYPE_PREFIX);
            });
        });
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void headersTheCodecWritesMatchTheMessageHeaders(EventType type) {
        EventEnvelope envelope = EventEnvelope.wrap("/staypuft/contract-test", SampleEvents.full(type));
        ObjectNode headers = EventCodec.mapper().createObjectNode();
        for (Header header : EventCodec.headersOf(envelope)) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        JsonNode schemas = ASYNCAPI.messages().get(messageKey(type)).path("headers").path("allOf");

        assertThat(schemas).as("header schemas of %s", type).hasSize(2);
        schemas.forEach(schema -> assertThat(ContractSchemas.inline(ASYNCAPI.resolve(schema)).validate(headers))
                .as("%s against %s", headers, schema).isEmpty());
        assertThat(schemas.get(1).path("properties").path("ce_type").path("const").asText()).isEqualTo(type.type());
    }

    private static String messageKey(EventType type) {
        return ASYNCAPI.messageKey(type)
                .orElseThrow(() -> new AssertionError("asyncapi.yaml has no message named " + type.type()));
    }

    private static List<String> operationsWith(String action, String messageRef) {
        List<String> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> operation : ASYNCAPI.operations().entrySet()) {
            boolean carries = false;
            for (JsonNode message : operation.getValue().path("messages")) {
                carries |= messageRef.equals(message.path("$ref").asText());
            }
            if (carries && action.equals(operation.getValue().path("action").asText())) {
                operations.add(operation.getKey());
            }
        }
        return operations;
    }

    private static Object component(StaypuftEvent payload, String name) {
        for (RecordComponent component : payload.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                try {
                    return component.getAccessor().invoke(payload);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new AssertionError(payload.getClass().getSimpleName() + " has no " + name);
    }
}
