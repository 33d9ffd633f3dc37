package org.staypuft.listener.request;

import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.staypuft.kit.problem.InputText;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads request bodies ourselves instead of letting the REST layer bind them, so that every malformed body gets the
 * same clear 400 naming the problem (and, for registrations, only after the token was checked).
 */
public final class JsonBodies {

    public static final String BODY = "body";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonBodies() {
    }

    /** The body as a JSON object. */
    public static ObjectNode object(byte[] body) {
        if (body == null || body.length == 0) {
            throw RefusedException.badRequest(BODY, "malformed-json", "malformed JSON: the body is empty");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw RefusedException.badRequest(BODY, "malformed-json", "malformed JSON" + at(e.getLocation()) + ": "
                    + shorten(e.getOriginalMessage()));
        } catch (IOException e) {
            throw RefusedException.badRequest(BODY, "malformed-json", "unreadable body");
        }
        if (tree == null || tree.isMissingNode()) {
            throw RefusedException.badRequest(BODY, "malformed-json", "malformed JSON: the body holds no value");
        }
        if (!tree.isObject()) {
            throw RefusedException.badRequest(BODY, "malformed-json",
                    "the body must be a JSON object, not " + tree.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        checkText(tree, "");
        return (ObjectNode) tree;
    }

    /**
     * Refuses a field the request does not know, naming it: one rule for every API (the kit's {@code StrictJson}
     * for bodies the REST layer binds, this for bodies read here).
     */
    public static void onlyFields(ObjectNode request, Set<String> known) {
        Iterator<String> names = request.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw RefusedException.badRequest(name, "unknown-field", "unknown property '" + shorten(name)
                        + "'; known: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    /** No NUL or control character in any string or name of the body ({@link InputText}), naming the field. */
    private static void checkText(JsonNode node, String path) {
        if (node.isTextual()) {
            int refused = InputText.refusedInValue(node.textValue());
            if (refused >= 0) {
                String field = path.isEmpty() ? BODY : path;
                throw RefusedException.badRequest(field, "control-character", InputText.describe(field, refused));
            }
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                int refused = InputText.refusedInName(field.getKey());
                if (refused >= 0) {
                    String at = path.isEmpty() ? BODY : path;
                    throw RefusedException.badRequest(at, "control-character",
                            "a field name in " + at + " must not contain NUL or control characters ("
                                    + String.format("U+%04X", refused) + " found)");
                }
                checkText(field.getValue(), name);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkText(node.get(i), (path.isEmpty() ? BODY : path) + "[" + i + "]");
            }
        }
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Jackson messages may quote the offending input; keep the answer short. */
    private static String shorten(String message) {
        if (message == null) {
            return "unexpected content";
        }
        String oneLine = message.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }
}
