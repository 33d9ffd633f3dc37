package org.staypuft.registry.provisioning;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.staypuft.events.EventCodec;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.events.host.SshPublicKeys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The built callback's body, {@code {"sshHostKeys": ["ssh-ed25519 AAAA... [comment]", ...]}}: the lines of the
 * installed system's {@code /etc/ssh/ssh_host_*_key.pub}. Read by hand rather than bound, so that the token is
 * checked before anything in the body is looked at and each mistake is named.
 */
final class BuiltCallbackBody {

    static final String FIELD = "sshHostKeys";
    /** A host has a handful of host keys; more is not a host's answer. */
    private static final int MAX_KEYS = 16;

    private BuiltCallbackBody() {
    }

    /** @return the keys, each once, in the order sent */
    static List<SshHostKey> sshHostKeys(String body) {
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? null : EventCodec.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidCallbackException("body", "The body is not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new InvalidCallbackException("body", "The body must be a JSON object with " + FIELD);
        }
        json.fieldNames().forEachRemaining(name -> {
            if (!FIELD.equals(name)) {
                throw new InvalidCallbackException(name.length() > 64 ? name.substring(0, 64) : name,
                        "unknown property; the body holds " + FIELD + " only");
            }
        });
        JsonNode lines = json.get(FIELD);
        if (lines == null || !lines.isArray() || lines.isEmpty()) {
            throw new InvalidCallbackException(FIELD, FIELD + " must be a non-empty array of the host's "
                    + "/etc/ssh/ssh_host_*_key.pub lines");
        }
        if (lines.size() > MAX_KEYS) {
            throw new InvalidCallbackException(FIELD, FIELD + " has " + lines.size() + " entries; at most " + MAX_KEYS);
        }
        Set<SshHostKey> keys = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            String field = FIELD + "[" + i + "]";
            if (!line.isTextual()) {
                throw new InvalidCallbackException(field, field + " must be a string");
            }
            try {
                keys.add(SshPublicKeys.hostKey(line.asText()));
            } catch (IllegalArgumentException e) {
                throw new InvalidCallbackException(field, field + " " + e.getMessage());
            }
        }
        return new ArrayList<>(keys);
    }
}
