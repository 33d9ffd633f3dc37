package org.staypuft.listener.token;

import java.time.Duration;
import java.time.format.DateTimeParseException;

import org.staypuft.listener.facts.Facts;
import org.staypuft.listener.request.RefusedException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fields a registration token is made from ({@code description}, {@code ttl}), read the same way wherever an
 * operator asks for one: the token API and the answer-file generator.
 */
public final class TokenRequestFields {

    public static final String DESCRIPTION = "description";
    public static final String TTL = "ttl";
    public static final String MAX_HOSTS = "maxHosts";
    /** Every field of a token request. */
    public static final java.util.Set<String> TOKEN_FIELDS = java.util.Set.of(DESCRIPTION, TTL, MAX_HOSTS);
    /** The most hosts one token may register. */
    public static final int MAX_HOSTS_LIMIT = 1000;
    private static final int MAX_DESCRIPTION = 255;

    private TokenRequestFields() {
    }

    /** @return the description, null when absent */
    public static String description(ObjectNode request) {
        JsonNode node = request.get(DESCRIPTION);
        if (node == null || node.isNull()) {
            return null;
        }
        String description = node.isTextual() ? Facts.textOf(node) : null;
        if (description == null) {
            throw RefusedException.badRequest(DESCRIPTION, "invalid-description",
                    "description must be a non-empty string: say what the token is for, e.g. the deployment");
        }
        if (description.length() > MAX_DESCRIPTION) {
            throw RefusedException.badRequest(DESCRIPTION, "invalid-description",
                    "description is longer than " + MAX_DESCRIPTION + " characters");
        }
        return description;
    }

    public static String requiredDescription(ObjectNode request) {
        String description = description(request);
        if (description == null) {
            throw RefusedException.badRequest(DESCRIPTION, "invalid-description",
                    "description is required: say what the token is for, e.g. the deployment");
        }
        return description;
    }

    /** @return the lifetime, null when absent (the service's default applies) */
    public static Duration ttl(ObjectNode request) {
        JsonNode node = request.get(TTL);
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            if (!node.isTextual()) {
                throw new DateTimeParseException("not text", node.toString(), 0);
            }
            return Duration.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw RefusedException.badRequest(TTL, "invalid-ttl",
                    "ttl must be an ISO-8601 duration such as P7D or PT12H");
        }
    }

    /** @return how many hosts the token may register: 1 when absent */
    public static int maxHosts(ObjectNode request) {
        JsonNode node = request.get(MAX_HOSTS);
        if (node == null || node.isNull()) {
            return 1;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1
                || node.asInt() > MAX_HOSTS_LIMIT) {
            throw RefusedException.badRequest(MAX_HOSTS, "invalid-max-hosts",
                    "maxHosts must be a whole number from 1 to " + MAX_HOSTS_LIMIT
                            + ": how many hosts the token may register");
        }
        return node.asInt();
    }
}
