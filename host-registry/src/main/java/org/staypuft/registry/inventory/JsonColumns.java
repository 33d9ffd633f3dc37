package org.staypuft.registry.inventory;

import java.util.List;

import org.staypuft.events.EventCodec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;

/**
 * Reads and writes the JSONB columns with the contract's codec, so a stored interface, disk or key has exactly the
 * shape of the event it came from, whatever the REST layer's JSON settings are.
 */
final class JsonColumns {

    private JsonColumns() {
    }

    static String write(List<?> values) {
        try {
            return EventCodec.mapper().writeValueAsString(values == null ? List.of() : values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot store " + values, e);
        }
    }

    static <T> List<T> readList(String json, Class<T> elementType) {
        if (json == null) {
            return List.of();
        }
        JavaType type = EventCodec.mapper().getTypeFactory().constructCollectionType(List.class, elementType);
        try {
            return EventCodec.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is not a list of " + elementType.getSimpleName(), e);
        }
    }
}
