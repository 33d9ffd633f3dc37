package org.staypuft.listener;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.staypuft.events.EventCodec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The discovery fixtures of {@code src/test/resources/fixtures/discovery-facts} and uploads made from them. */
final class Fixtures {

    private Fixtures() {
    }

    /** The facts object of a fixture (unwrapped when the file already holds {@code {"facts": ...}}). */
    static ObjectNode facts(String fixture) {
        JsonNode file = read("fixtures/discovery-facts/" + fixture + ".json");
        JsonNode facts = file.has("facts") ? file.get("facts") : file;
        return (ObjectNode) facts.deepCopy();
    }

    /** The body a discovery image sends. */
    static String upload(ObjectNode facts) {
        ObjectNode body = EventCodec.mapper().createObjectNode();
        body.set("facts", facts);
        return json(body);
    }

    /** A fixture's facts moved to another boot MAC, so tests do not share hosts. */
    static ObjectNode factsWithMac(String fixture, String mac) {
        ObjectNode facts = facts(fixture);
        facts.put("discovery_bootif", mac.toUpperCase(Locale.ROOT));
        facts.put("macaddress", mac);
        return facts;
    }

    /** A MAC no other test uses (locally administered, so never a real NIC's). */
    static String randomMac() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder mac = new StringBuilder("02");
        for (int i = 0; i < 5; i++) {
            mac.append(String.format(":%02x", random.nextInt(256)));
        }
        return mac.toString();
    }

    static String hostId(String mac) {
        return "mac" + mac.replace(":", "").toLowerCase(Locale.ROOT);
    }

    static String json(JsonNode node) {
        try {
            return EventCodec.mapper().writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON value written as text, e.g. {@code "22.5"} or {@code "\"Root\""}. */
    static JsonNode parse(String json) {
        try {
            return EventCodec.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String resource) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + resource);
            }
            return EventCodec.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
