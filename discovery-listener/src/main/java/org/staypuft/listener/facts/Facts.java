package org.staypuft.listener.facts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Read access to an uploaded facts object. Facter sends most values as strings, newer versions numbers and
 * booleans, and some facts as nested objects ({@code ssh}, {@code networking}, {@code disks}): accessors here
 * smooth that over so the normaliser reads like the fact names it uses.
 */
public final class Facts {

    private final ObjectNode raw;

    public Facts(ObjectNode raw) {
        this.raw = raw;
    }

    public ObjectNode raw() {
        return raw;
    }

    /** A scalar fact as trimmed text; null when absent, null, blank or structured. */
    public String text(String name) {
        return textOf(raw.get(name));
    }

    /**
     * A nested value, e.g. {@code path("networking", "interfaces")}; a missing node when any step is absent. Facter
     * answers a dotted query ({@code facter -j processors.count}, as the client installer asks) under the dotted
     * name: that top-level fact counts too.
     */
    public JsonNode path(String... names) {
        JsonNode node = raw;
        for (String name : names) {
            node = node.path(name);
        }
        if ((node == null || node.isMissingNode()) && names.length > 1) {
            node = raw.path(String.join(".", names));
        }
        return node == null ? MissingNode.getInstance() : node;
    }

    /** A comma separated list fact such as {@code interfaces} or {@code blockdevices}; empty when absent. */
    public List<String> list(String name) {
        String value = text(name);
        if (value == null) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        Arrays.stream(value.split(",")).map(String::strip).filter(item -> !item.isEmpty()).forEach(items::add);
        return items;
    }

    /** Fact names in upload order. */
    public List<String> names() {
        return raw.properties().stream().map(Map.Entry::getKey).toList();
    }

    /** Text of a scalar node, for nested values too. */
    public static String textOf(JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            return null;
        }
        String text = node.asText().strip();
        return text.isEmpty() ? null : text;
    }
}
