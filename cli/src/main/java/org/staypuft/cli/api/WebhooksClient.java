package org.staypuft.cli.api;

import java.util.Map;

import org.staypuft.cli.http.ServiceHttp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The webhook dispatcher: subscriptions and their deliveries (operators only). */
public final class WebhooksClient {

    private final ServiceHttp http;

    public WebhooksClient(ServiceHttp http) {
        this.http = http;
    }

    /** The created subscription, with its secret (the only answer that carries it). */
    public JsonNode create(ObjectNode request) {
        return http.post("/api/v1/webhooks", ServiceHttp.JSON, request.toString()).json();
    }

    public JsonNode list() {
        return http.get("/api/v1/webhooks", Map.of()).json();
    }

    public void delete(String id) {
        http.delete("/api/v1/webhooks/" + ServiceHttp.segment(id));
    }

    public JsonNode deliveries(String id) {
        return http.get("/api/v1/webhooks/" + ServiceHttp.segment(id) + "/deliveries", Map.of()).json();
    }
}
