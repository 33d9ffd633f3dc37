package org.staypuft.listener.facts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Digests of facts over their canonical JSON: object keys sorted at every level, no whitespace, strings and
 * numbers as Jackson writes them. The same facts in another key order give the same digest; any changed value
 * gives another.
 */
public final class FactsDigest {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    private FactsDigest() {
    }

    /** SHA-256, lower-case hex, of the canonical JSON of {@code node}. */
    public static String of(JsonNode node) {
        return sha256Hex(canonical(node));
    }

    public static byte[] canonical(JsonNode node) {
        try {
            return CANONICAL.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write canonical JSON", e);
        }
    }

    /**
     * A digest per top-level fact, to name the facts that changed between two uploads without keeping the uploads.
     * Half a SHA-256 is plenty to notice a change.
     */
    public static Map<String, String> perFact(ObjectNode facts) {
        Map<String, String> digests = new TreeMap<>();
        facts.properties().forEach(fact -> digests.put(fact.getKey(),
                sha256Hex(canonical(fact.getValue())).substring(0, 32)));
        return digests;
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
