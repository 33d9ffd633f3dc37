package org.staypuft.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.awaitility.Awaitility.await;

/** What an operator does through the services' REST APIs, with an operator token. */
final class Operator {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Stack stack;

    Operator(Stack stack) {
        this.stack = stack;
    }

    /**
     * A registration token from the listener's token API, as an operator gives it to the client installer. Tokens are
     * bound to a number of hosts: the listener's largest, so the chaos campaign's 200+ hosts fit in one.
     */
    String registrationToken() {
        return send("POST", stack.listener.url() + "/api/v1/registration-tokens", JSON.createObjectNode()
                .put("description", "end-to-end registered hosts").put("ttl", "PT1H")
                .put("maxHosts", 1000)).path("token").asText();
    }

    /** Waits until the orchestrator knows every host (it learns of them from host events). */
    void awaitKnownToOrchestrator(Collection<String> hostIds) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            Set<String> known = new HashSet<>();
            get(stack.orchestrator.url() + "/api/v1/hosts?limit=5000")
                    .forEach(host -> known.add(host.path("hostId").asText()));
            return known.containsAll(hostIds);
        });
    }

    /** @return the new deployment's id */
    String createDeployment(ObjectNode spec) {
        return send("POST", stack.orchestrator.url() + "/api/v1/deployments", spec).path("id").asText();
    }

    void assign(String deploymentId, String role, String hostId) {
        send("POST", stack.orchestrator.url() + "/api/v1/deployments/" + deploymentId + "/roles/" + role + "/hosts/"
                + hostId, null);
    }

    /** @return the run's id */
    String deploy(String deploymentId) {
        return send("POST", stack.orchestrator.url() + "/api/v1/deployments/" + deploymentId + "/runs",
                JSON.createObjectNode()).path("run").path("id").asText();
    }

    JsonNode retryFailed(String runId) {
        return send("POST", stack.orchestrator.url() + "/api/v1/runs/" + runId + "/retry-failed", null);
    }

    JsonNode run(String runId) {
        return get(stack.orchestrator.url() + "/api/v1/runs/" + runId);
    }

    /** The run's host step with every command sent for it. */
    JsonNode runHost(String runId, String hostId) {
        return get(stack.orchestrator.url() + "/api/v1/runs/" + runId + "/hosts/" + hostId);
    }

    /** Waits until the run has ended (completed, failed or cancelled) and returns its detail. */
    JsonNode awaitEnded(String runId, Duration atMost) {
        JsonNode[] detail = new JsonNode[1];
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> {
            detail[0] = run(runId);
            String status = detail[0].path("run").path("status").asText();
            return status.equals("COMPLETED") || status.equals("FAILED") || status.equals("CANCELLED");
        });
        return detail[0];
    }

    JsonNode registryHost(String hostId) {
        return get(stack.registry.url() + "/api/v1/hosts/" + hostId);
    }

    JsonNode get(String url) {
        return send("GET", url, null);
    }

    private JsonNode send(String method, String url, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + stack.operatorToken).header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body().isEmpty() ? "null" : response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
