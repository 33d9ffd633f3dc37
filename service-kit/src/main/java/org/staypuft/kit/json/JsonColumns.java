package org.staypuft.kit.json;

import java.util.List;
import java.util.Map;

import org.staypuft.events.EventCodec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;

/**
 * Values kept as JSON in a text column (lists, maps, a command as it was sent), written and read with the event
 * codec's mapper so a stored value reads back like an event would.
 */
public final class JsonColumns {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private JsonColumns() {
    }

    /** @throws IllegalArgumentException when the value cannot be written */
    public static String write(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A list, written as {@code []} when null. */
    public static String writeList(List<?> values) {
        return write(values == null ? List.of() : values);
    }

    /** @throws IllegalStateException when the stored JSON is not a {@code type} */
    public static <T> T read(String json, Class<T> type) {
        try {
            return EventCodec.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is not a " + type.getSimpleName(), e);
        }
    }

    /** A stored list; empty when the column is null. */
    public static <T> List<T> list(String json, Class<T> elementType) {
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

    public static Map<String, String> stringMap(String json) {
        try {
            return EventCodec.mapper().readValue(json, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is not a map of strings", e);
        }
    }
}
