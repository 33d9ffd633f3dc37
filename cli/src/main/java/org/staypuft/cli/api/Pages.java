package org.staypuft.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Reads a page of a paged listing: {@code {"items":[...],"total":n}} (or a plain array: one page). */
final class Pages {

    private Pages() {
    }

    static JsonNode items(JsonNode answer) {
        if (answer.isArray()) {
            return answer;
        }
        for (String field : new String[]{"items", "hosts", "content"}) {
            if (answer.path(field).isArray()) {
                return answer.get(field);
            }
        }
        return JsonNodeFactory.instance.arrayNode();
    }

    /** Whether this page was the last: a short page, the total reached, or not a paged answer at all. */
    static boolean last(JsonNode answer, int itemsOnPage, int collected, int pageSize) {
        if (answer.isArray() || itemsOnPage < pageSize || itemsOnPage == 0) {
            return true;
        }
        JsonNode total = answer.get("total");
        return total != null && total.isNumber() && collected >= total.asLong();
    }
}
