package org.staypuft.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.staypuft.events.deployment.RoleConfiguration;
import org.staypuft.events.host.Disk;
import org.staypuft.events.host.Hardware;
import org.staypuft.events.host.HostSnapshot;
import org.staypuft.events.host.NetworkInterface;
import org.staypuft.events.host.SshAccess;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.events.puppet.AgentServiceReport;
import org.staypuft.events.puppet.AgentState;
import org.staypuft.events.puppet.ResourceCounts;
import org.staypuft.events.puppet.RunOutcome;
import org.staypuft.events.puppet.RunPurpose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON Schemas describe exactly what {@link EventCodec} writes, and every sample payload validates. */
class EventSchemaTest {

    private static final Map<String, Class<?>> SHARED_RECORDS = Map.of(
            "HostSnapshot", HostSnapshot.class,
            "NetworkInterface", NetworkInterface.class,
            "Hardware", Hardware.class,
            "Disk", Disk.class,
            "SshHostKey", SshHostKey.class,
            "ResourceCounts", ResourceCounts.class,
            "AgentServiceReport", AgentServiceReport.class,
            "RoleConfiguration", RoleConfiguration.class,
            "SshAccess", SshAccess.class);
    /** Shared definitions of a plain JSON type (with a pattern or limits), by the JSON type they stand for. */
    private static final Map<String, String> SHARED_PLAIN_TYPES = Map.of(
            "Id", "string",
            "HostId", "string",
            "PuppetClass", "string",
            "Parameters", "object",
            "SealedParameters", "object");
    private static final Map<String, Class<? extends Enum<?>>> SHARED_ENUMS = Map.of(
            "RunPurpose", RunPurpose.class,
            "RunOutcome", RunOutcome.class,
            "AgentState", AgentState.class);

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeHasASchemaFile(EventType type) {
        assertThat(ContractSchemas.exists(ContractSchemas.fileName(type))).as(type.schemaPath()).isTrue();
    }

    @Test
    void everySchemaFileBelongsToAnEventType() {
        Set<String> expected = Stream.concat(Stream.of(ContractSchemas.COMMON),
                Arrays.stream(EventType.values()).map(ContractSchemas::fileName)).collect(Collectors.toSet());

        assertThat(ContractSchemas.fileNames()).as("files in schemas/").isSubsetOf(expected);
    }

    @Test
    void everySchemaIsADraft202012DocumentWithItsOwnId() {
        for (String file : ContractSchemas.fileNames()) {
            JsonNode schema = ContractSchemas.read(file);

            assertThat(ContractSchemas.metaSchema().validate(schema)).as("%s against the meta-schema", file).isEmpty();
            assertThat(schema.path("$schema").asText()).as(file)
                    .isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.path("$id").asText()).as(file).isEqualTo(ContractSchemas.ID_BASE + file);
            assertThat(schema.path("title").asText()).as("title of %s", file).isNotBlank();
            assertThat(schema.path("description").asText()).as("description of %s", file).isNotBlank();
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void eventSchemaIsAnObjectOpenToNewerProperties(EventType type) {
        JsonNode schema = ContractSchemas.read(ContractSchemas.fileName(type));

        assertThat(schema.path("type").asText()).isEqualTo("object");
        assertThat(schema.path("additionalProperties").isBoolean() && schema.path("additionalProperties").asBoolean())
                .as("additionalProperties of %s", type).isTrue();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void eventSchemaListsTheRecordComponents(EventType type) {
        assertDescribes(ContractSchemas.read(ContractSchemas.fileName(type)), type.payloadType());
    }

    @Test
    void sharedDefinitionsDescribeTheSharedTypes() {
        JsonNode definitions = ContractSchemas.read(ContractSchemas.COMMON).path("$defs");

        SHARED_RECORDS.forEach((name, record) -> assertDescribes(definitions.path(name), record));
        SHARED_ENUMS.forEach((name, enumType) -> assertThat(texts(definitions.path(name).path("enum")))
                .as("enum %s", name)
                .containsExactlyElementsOf(Arrays.stream(enumType.getEnumConstants()).map(Enum::name).toList()));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void fullSampleValidatesAndSetsEveryProperty(EventType type) {
        JsonNode payload = encode(SampleEvents.full(type));

        assertValid(type, payload);
        assertThat(fieldNames(payload)).as("properties of the full %s sample", type)
                .containsExactlyInAnyOrderElementsOf(fieldNames(properties(type)));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void minimalSampleValidatesAndSetsOnlyTheRequiredProperties(EventType type) {
        JsonNode payload = encode(SampleEvents.minimal(type));

        assertValid(type, payload);
        assertThat(fieldNames(payload)).as("properties of the minimal %s sample", type)
                .containsExactlyInAnyOrderElementsOf(required(ContractSchemas.read(ContractSchemas.fileName(type))));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void sampleAtTheDocumentedLimitsValidates(EventType type) {
        assertValid(type, encode(SampleEvents.atLimits(type)));
    }

    @Test
    void hostSnapshotSamplesSetAllOrOnlyTheRequiredProperties() {
        JsonNode definition = ContractSchemas.read(ContractSchemas.COMMON).path("$defs").path("HostSnapshot");

        assertThat(fieldNames(encode(SampleEvents.snapshot())))
                .containsExactlyInAnyOrderElementsOf(fieldNames(definition.path("properties")));
        assertThat(fieldNames(encode(SampleEvents.minimalSnapshot())))
                .containsExactlyInAnyOrderElementsOf(required(definition));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyRequiredPropertyIsEnforced(EventType type) {
        ObjectNode payload = (ObjectNode) encode(SampleEvents.full(type));

        for (String name : required(ContractSchemas.read(ContractSchemas.fileName(type)))) {
            ObjectNode without = payload.deepCopy();
            without.remove(name);
            assertThat(ContractSchemas.validate(type, without)).as("%s without %s", type, name).isNotEmpty();
        }
    }

    @Test
    void onlyASuccessfulRunMayComeWithoutAReason() {
        ObjectNode failed = (ObjectNode) encode(SampleEvents.full(EventType.PUPPET_RUN_COMPLETED));
        failed.remove("reason");
        ObjectNode unchanged = failed.deepCopy().put("outcome", RunOutcome.UNCHANGED.name());

        assertThat(ContractSchemas.validate(EventType.PUPPET_RUN_COMPLETED, failed)).isNotEmpty();
        assertThat(ContractSchemas.validate(EventType.PUPPET_RUN_COMPLETED, unchanged)).isEmpty();
    }

    @Test
    void propertiesANewerProducerAddsAreValid() {
        ObjectNode payload = (ObjectNode) encode(SampleEvents.full(EventType.HOST_DISCOVERED));
        payload.put("rack", "R12-U07");
        ((ObjectNode) payload.path("host")).putObject("bmc").put("address", "192.168.2.2");
        ((ObjectNode) payload.path("host").path("interfaces").get(0)).put("mtu", 1500);

        assertThat(ContractSchemas.validate(EventType.HOST_DISCOVERED, payload)).isEmpty();
    }

    @Test
    void sharedDefinitionsApplyThroughTheirReference() {
        ObjectNode payload = (ObjectNode) encode(SampleEvents.full(EventType.HOST_DISCOVERED));
        ((ObjectNode) payload.path("host")).put("mac", "44-44-44-44-44-44");

        assertThat(ContractSchemas.validate(EventType.HOST_DISCOVERED, payload)).isNotEmpty();
    }

    @Test
    void enumValuesOutsideTheListAreInvalid() {
        ObjectNode payload = (ObjectNode) encode(SampleEvents.full(EventType.PUPPET_RUN_COMPLETED));
        payload.put("outcome", "EXPLODED");

        assertThat(ContractSchemas.validate(EventType.PUPPET_RUN_COMPLETED, payload)).isNotEmpty();
    }

    private static void assertValid(EventType type, JsonNode payload) {
        Set<ValidationMessage> errors = ContractSchemas.validate(type, payload);
        assertThat(errors).as("%s against %s", payload, type.schemaPath()).isEmpty();
    }

    /** The schema has one property per record component, of the component's JSON type; primitives are required. */
    private static void assertDescribes(JsonNode schema, Class<?> record) {
        String name = record.getSimpleName();
        JsonNode properties = schema.path("properties");
        List<String> required = required(schema);
        RecordComponent[] components = record.getRecordComponents();

        assertThat(fieldNames(properties)).as("properties of %s", name)
                .containsExactlyElementsOf(Arrays.stream(components).map(RecordComponent::getName).toList());
        assertThat(fieldNames(properties)).as("required of %s", name).containsAll(required);
        for (RecordComponent component : components) {
            String path = name + "." + component.getName();
            assertThat(jsonType(properties.path(component.getName()))).as(path)
                    .isEqualTo(expectedJsonType(component.getGenericType()));
            if (component.getType().isPrimitive()) {
                assertThat(required).as("%s is never null", path).contains(component.getName());
            }
        }
    }

    /** string, integer, boolean, object, a shared definition's name, or array<...> of those. */
    private static String jsonType(JsonNode property) {
        if (property.has("$ref")) {
            String ref = property.path("$ref").asText();
            assertThat(ref).as("a shared definition").matches("(common\\.v1\\.json)?#/\\$defs/\\w+");
            String definition = ref.substring(ref.lastIndexOf('/') + 1);
            return SHARED_PLAIN_TYPES.getOrDefault(definition, definition);
        }
        String type = property.path("type").asText();
        return type.equals("array") ? "array<" + jsonType(property.path("items")) + ">" : type;
    }

    private static String expectedJsonType(Type javaType) {
        if (javaType instanceof ParameterizedType list && list.getRawType() == List.class) {
            return "array<" + expectedJsonType(list.getActualTypeArguments()[0]) + ">";
        }
        if (javaType instanceof ParameterizedType map && map.getRawType() == Map.class) {
            return "object";
        }
        Class<?> type = (Class<?>) javaType;
        if (type == String.class) {
            return "string";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (type == ObjectNode.class) {
            return "object";
        }
        if (type.isRecord() || type.isEnum()) {
            return type.getSimpleName();
        }
        throw new AssertionError("No JSON type known for " + type);
    }

    private static JsonNode properties(EventType type) {
        return ContractSchemas.read(ContractSchemas.fileName(type)).path("properties");
    }

    private static List<String> required(JsonNode schema) {
        return texts(schema.path("required"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.properties().stream().map(Map.Entry::getKey).toList();
    }

    private static JsonNode encode(Object payload) {
        try {
            return EventCodec.mapper().readTree(EventCodec.mapper().writeValueAsBytes(payload));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
