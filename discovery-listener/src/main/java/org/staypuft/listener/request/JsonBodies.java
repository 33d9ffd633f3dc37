package org.staypuft.listener.request;

import java.io.IOException;
import java.util.Locale;

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
        return (ObjectNode) tree;
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
