package org.staypuft.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Read access to {@code asyncapi.yaml}, resolving its local {@code #/...} references. */
final class AsyncApiDocument {

    private final JsonNode root;

    private AsyncApiDocument(JsonNode root) {
        this.root = root;
    }

    static AsyncApiDocument load() {
        try (InputStream in = AsyncApiDocument.class.getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("asyncapi.yaml is not on the classpath");
            }
            return new AsyncApiDocument(new YAMLMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode root() {
        return root;
    }

    /** Follows a {@code $ref} to a place in this document; other nodes come back as they are. */
    JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null || !ref.asText().startsWith("#/")) {
            return node;
        }
        JsonNode target = root.at(ref.asText().substring(1));
        if (target.isMissingNode()) {
            throw new IllegalStateException("Dangling reference " + ref.asText());
        }
        return resolve(target);
    }

    /** Component messages by key. */
    Map<String, JsonNode> messages() {
        return fields(root.path("components").path("messages"));
    }

    Map<String, JsonNode> channels() {
        return fields(root.path("channels"));
    }

    Map<String, JsonNode> operations() {
        return fields(root.path("operations"));
    }

    /** The key of the component message named after a CloudEvents type. */
    Optional<String> messageKey(EventType type) {
        return messages().entrySet().stream()
                .filter(message -> type.type().equals(message.getValue().path("name").asText()))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** The keys of the channels whose messages include the given component message. */
    List<String> channelsOf(String messageKey) {
        String ref = "#/components/messages/" + messageKey;
        List<String> channels = new ArrayList<>();
        channels().forEach((key, channel) -> channel.path("messages").forEach(message -> {
            if (ref.equals(message.path("$ref").asText())) {
                channels.add(key);
            }
        }));
        return channels;
    }

    private static Map<String, JsonNode> fields(JsonNode node) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        node.properties().forEach(field -> fields.put(field.getKey(), field.getValue()));
        return fields;
    }
}
