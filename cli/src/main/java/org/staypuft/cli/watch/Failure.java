package org.staypuft.cli.watch;

import com.fasterxml.jackson.databind.JsonNode;

/** A host that failed in a run: where and why, as the failure tail and the summary show it. */
public record Failure(String hostId, String role, String phase, String reason, int attempt) {

    public static Failure of(JsonNode host) {
        String phase = text(host, "failedPhase");
        return new Failure(text(host, "hostId"), text(host, "role"), phase != null ? phase : text(host, "phase"),
                text(host, "reason"), host.path("attempt").asInt());
    }

    /** The same failure reported twice (a replayed event, a poll) is shown once; a retry's new failure again. */
    String key() {
        return hostId + "#" + attempt + "#" + phase;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
