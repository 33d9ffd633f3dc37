package org.staypuft.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The JSON Schemas of the contract as a consumer outside the JVM would use them: draft 2020-12, the relative
 * {@code $ref}s to {@code common.v1.json} resolved against each schema's {@code $id}, which maps to the classpath.
 */
final class ContractSchemas {

    static final String ID_BASE = "https://staypuft.org/schemas/";
    static final String COMMON = "common.v1.json";
    static final String DIRECTORY = "schemas/";

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(ID_BASE, "classpath:" + DIRECTORY)));
    // Formats are annotations only in 2020-12 unless asserted; assert them so a sample with a bad address fails.
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private ContractSchemas() {
    }

    static Set<ValidationMessage> validate(EventType type, JsonNode payload) {
        return schema(type).validate(payload);
    }

    static JsonSchema schema(EventType type) {
        return FACTORY.getSchema(SchemaLocation.of(ID_BASE + fileName(type)), CONFIG);
    }

    /** A schema given inline, e.g. one of the AsyncAPI document's header schemas. */
    static JsonSchema inline(JsonNode schema) {
        return FACTORY.getSchema(schema, CONFIG);
    }

    /** The draft 2020-12 meta-schema, bundled with the validator. */
    static JsonSchema metaSchema() {
        return FACTORY.getSchema(SchemaLocation.of(SchemaId.V202012), CONFIG);
    }

    static String fileName(EventType type) {
        return type.schemaPath().substring(DIRECTORY.length());
    }

    static JsonNode read(String fileName) {
        try (InputStream in = ContractSchemas.class.getClassLoader().getResourceAsStream(DIRECTORY + fileName)) {
            if (in == null) {
                throw new IllegalArgumentException("No schema " + DIRECTORY + fileName + " on the classpath");
            }
            return EventCodec.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean exists(String fileName) {
        return ContractSchemas.class.getClassLoader().getResource(DIRECTORY + fileName) != null;
    }

    /** Names of the files in the schema directory (tests run from the build's classes directory). */
    static List<String> fileNames() {
        URL directory = ContractSchemas.class.getClassLoader().getResource("schemas");
        try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
