package org.staypuft.listener;

import java.io.IOException;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.staypuft.events.EventCodec;
import org.staypuft.events.EventType;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks published payloads against the contract's JSON Schemas (from the events jar), formats asserted. */
final class ContractSchemas {

    private static final String ID_BASE = "https://staypuft.org/schemas/";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(ID_BASE, "classpath:schemas/")));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private ContractSchemas() {
    }

    /** The record's payload satisfies the schema of its {@code ce_type}. */
    static void assertValid(ConsumerRecord<String, byte[]> record) {
        EventType type = EventType.fromType(PublishedEvents.type(record)).orElseThrow();
        JsonNode payload;
        try {
            payload = EventCodec.mapper().readTree(record.value());
        } catch (IOException e) {
            throw new AssertionError("Payload is not JSON", e);
        }
        String file = type.schemaPath().substring("schemas/".length());
        Set<ValidationMessage> problems = FACTORY.getSchema(SchemaLocation.of(ID_BASE + file), CONFIG)
                .validate(payload);
        assertThat(problems).as("schema violations of %s", type.type()).isEmpty();
    }
}
