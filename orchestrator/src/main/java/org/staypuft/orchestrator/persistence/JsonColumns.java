package org.staypuft.orchestrator.persistence;

import java.util.List;
import java.util.Map;

import org.staypuft.events.EventCodec;
import org.staypuft.events.host.SshHostKey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

/** Small JSON values kept in text columns, read and written with the contract's mapper. */
public final class JsonColumns {

    private static final TypeReference<List<SshHostKey>> KEYS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private JsonColumns() {
    }

    public static String write(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return EventCodec.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is not a " + type.getSimpleName(), e);
        }
    }

    public static List<SshHostKey> keys(String json) {
        return read(json, KEYS);
    }

    public static Map<String, String> stringMap(String json) {
        return read(json, STRING_MAP);
    }

    public static List<String> strings(String json) {
        return json == null ? List.of() : read(json, STRINGS);
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return EventCodec.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is unreadable", e);
        }
    }
}
