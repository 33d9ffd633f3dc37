package org.staypuft.cli.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.staypuft.cli.Output;
import org.staypuft.cli.http.ServiceHttp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The host registry's inventory. */
public final class RegistryClient {

    static final int PAGE_SIZE = 500;

    /** Filters of a host listing; null means any. */
    public record HostFilter(String state, String kind, String deploymentId, String role) {
    }

    private final ServiceHttp http;

    public RegistryClient(ServiceHttp http) {
        this.http = http;
    }

    /** Every host matching the filter, all pages: {@code {"items":[...],"total":n}}. */
    public ObjectNode hosts(HostFilter filter) {
        ArrayNode items = Output.JSON.createArrayNode();
        long total = 0;
        for (int page = 0;; page++) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("state", filter.state());
            query.put("kind", filter.kind());
            query.put("deployment", filter.deploymentId());
            query.put("role", filter.role());
            query.put("page", Integer.toString(page));
            query.put("size", Integer.toString(PAGE_SIZE));
            JsonNode answer = http.get("/api/v1/hosts", query).json();
            JsonNode pageItems = Pages.items(answer);
            items.addAll((ArrayNode) pageItems);
            total = answer.path("total").asLong(items.size());
            if (Pages.last(answer, pageItems.size(), items.size(), PAGE_SIZE)) {
                break;
            }
        }
        ObjectNode result = Output.JSON.createObjectNode();
        result.set("items", items);
        result.put("total", total);
        return result;
    }

    /** One host, with its refused identity claims: {@code {"host": {...}, "identityConflicts": [...]}}. */
    public ObjectNode host(String hostId) {
        ObjectNode result = Output.JSON.createObjectNode();
        result.set("host", http.get("/api/v1/hosts/" + ServiceHttp.segment(hostId), Map.of()).json());
        result.set("identityConflicts",
                http.get("/api/v1/hosts/" + ServiceHttp.segment(hostId) + "/identity-conflicts", Map.of()).json());
        return result;
    }

    /** An operator accepts a refused identity claim: the host as it now is. */
    public JsonNode acceptIdentityConflict(String hostId, String conflictId) {
        return http.post("/api/v1/hosts/" + ServiceHttp.segment(hostId) + "/identity-conflicts/"
                + ServiceHttp.segment(conflictId) + "/accept", ServiceHttp.JSON, "").json();
    }

    /** An operator converts a host to {@code discovered} or {@code registered}: the host as it now is. */
    public JsonNode convert(String hostId, String kind) {
        ObjectNode body = Output.JSON.createObjectNode();
        body.put("kind", kind);
        return http.post("/api/v1/hosts/" + ServiceHttp.segment(hostId) + "/conversion", ServiceHttp.JSON,
                body.toString()).json();
    }
}
