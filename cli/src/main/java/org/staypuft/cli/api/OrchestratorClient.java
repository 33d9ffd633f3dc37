package org.staypuft.cli.api;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.staypuft.cli.CliException;
import org.staypuft.cli.Output;
import org.staypuft.cli.http.ServiceException;
import org.staypuft.cli.http.ServiceHttp;

import com.fasterxml.jackson.databind.JsonNode;

import static org.staypuft.cli.http.ServiceHttp.segment;

/** The orchestrator's API: deployments, assignments, runs and their live events. */
public final class OrchestratorClient {

    static final String YAML = "application/yaml";
    static final int HOSTS_PAGE_SIZE = 500;

    private final ServiceHttp http;
    /** Set once the paged run-hosts endpoint answered 404 for its route: an orchestrator from before it. */
    private boolean pagedRunHostsMissing;

    public OrchestratorClient(ServiceHttp http) {
        this.http = http;
    }

    // ------------------------------------------------------------------ deployments

    public JsonNode deployments() {
        return http.get("/api/v1/deployments", Map.of()).json();
    }

    /** The deployment with this name (or, failing that, this id), if there is one. */
    public Optional<JsonNode> findDeployment(String nameOrId) {
        JsonNode byId = null;
        for (JsonNode deployment : deployments()) {
            if (nameOrId.equals(deployment.path("name").asText())) {
                return Optional.of(deployment);
            }
            if (nameOrId.equals(deployment.path("id").asText())) {
                byId = deployment;
            }
        }
        return Optional.ofNullable(byId);
    }

    public JsonNode requireDeployment(String nameOrId) {
        return findDeployment(nameOrId).orElseThrow(() -> CliException.notFound("no deployment named " + nameOrId
                + " (staypuft deployments list shows them)"));
    }

    public JsonNode importYaml(String yaml) {
        return http.post("/api/v1/deployments/import", YAML, yaml).json();
    }

    public JsonNode update(String id, JsonNode spec) {
        return http.put("/api/v1/deployments/" + segment(id), ServiceHttp.JSON, spec.toString()).json();
    }

    public String exportYaml(String id) {
        return http.send("GET", "/api/v1/deployments/" + segment(id) + "/export", Map.of(), null, null, YAML)
                .body();
    }

    public void delete(String id) {
        http.delete("/api/v1/deployments/" + segment(id));
    }

    // ------------------------------------------------------------------ discovery rules

    public JsonNode discoveryRules() {
        return http.get("/api/v1/discovery-rules", Map.of()).json();
    }

    public JsonNode createDiscoveryRule(JsonNode spec) {
        return http.post("/api/v1/discovery-rules", ServiceHttp.JSON, spec.toString()).json();
    }

    public void deleteDiscoveryRule(String name) {
        http.delete("/api/v1/discovery-rules/" + segment(name));
    }

    /** Enables or disables the rule; the rule as it now is. */
    public JsonNode enableDiscoveryRule(String name, boolean enabled) {
        return http.post("/api/v1/discovery-rules/" + segment(name) + (enabled ? "/enable" : "/disable"),
                ServiceHttp.JSON, "").json();
    }

    /** What the rule would take from the current inventory; assigns nothing. */
    public JsonNode testDiscoveryRule(String name) {
        return http.post("/api/v1/discovery-rules/" + segment(name) + "/test", ServiceHttp.JSON, "").json();
    }

    // ------------------------------------------------------------------ assignments

    public JsonNode assign(String deploymentId, String role, String hostId) {
        return http.post(assignment(deploymentId, role, hostId), ServiceHttp.JSON, "").json();
    }

    public void unassign(String deploymentId, String role, String hostId) {
        http.delete(assignment(deploymentId, role, hostId));
    }

    private static String assignment(String deploymentId, String role, String hostId) {
        return "/api/v1/deployments/" + segment(deploymentId) + "/roles/" + segment(role) + "/hosts/"
                + segment(hostId);
    }

    // ------------------------------------------------------------------ runs

    public JsonNode startRun(String deploymentId, boolean redeployAll) {
        return http.post("/api/v1/deployments/" + segment(deploymentId) + "/runs", ServiceHttp.JSON,
                Output.JSON.createObjectNode().put("redeployAll", redeployAll).toString()).json();
    }

    public JsonNode runsOf(String deploymentId) {
        return http.get("/api/v1/deployments/" + segment(deploymentId) + "/runs", Map.of()).json();
    }

    /** The run with its roles (per-role counts and timings). */
    public JsonNode run(String runId) {
        return http.get("/api/v1/runs/" + segment(runId), Map.of()).json();
    }

    public JsonNode cancel(String runId) {
        return http.post("/api/v1/runs/" + segment(runId) + "/cancel", ServiceHttp.JSON, "").json();
    }

    /** Resumes a run the wait limit paused; 409 when it is not paused. */
    public JsonNode resume(String runId) {
        return http.post("/api/v1/runs/" + segment(runId) + "/resume", ServiceHttp.JSON, "").json();
    }

    public JsonNode approve(String runId, String role) {
        return http.post("/api/v1/runs/" + segment(runId) + "/roles/" + segment(role) + "/approve", ServiceHttp.JSON,
                "").json();
    }

    public JsonNode retryFailed(String runId) {
        return http.post("/api/v1/runs/" + segment(runId) + "/retry-failed", ServiceHttp.JSON, "").json();
    }

    public JsonNode skip(String runId, String hostId, String reason) {
        return http.post("/api/v1/runs/" + segment(runId) + "/hosts/" + segment(hostId) + "/skip",
                ServiceHttp.JSON, Output.JSON.createObjectNode().put("reason", reason).toString()).json();
    }

    /**
     * The run's host steps with this status and role (either may be null), every page of
     * {@code GET /api/v1/runs/{id}/hosts}. An orchestrator without that endpoint still lists them in the run
     * itself; then they are taken from there.
     */
    public List<JsonNode> runHosts(String runId, String role, String status) {
        if (!pagedRunHostsMissing) {
            try {
                return pagedRunHosts(runId, role, status);
            } catch (ServiceException e) {
                if (!routeMissing(e)) {
                    throw e;
                }
                pagedRunHostsMissing = true;
            }
        }
        List<JsonNode> hosts = new ArrayList<>();
        for (JsonNode host : run(runId).path("hosts")) {
            if ((role == null || role.equals(host.path("role").asText()))
                    && (status == null || status.equals(host.path("status").asText()))) {
                hosts.add(host);
            }
        }
        return hosts;
    }

    private List<JsonNode> pagedRunHosts(String runId, String role, String status) {
        List<JsonNode> hosts = new ArrayList<>();
        for (int page = 0;; page++) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("role", role);
            query.put("status", status);
            query.put("page", Integer.toString(page));
            query.put("size", Integer.toString(HOSTS_PAGE_SIZE));
            JsonNode answer = http.get("/api/v1/runs/" + segment(runId) + "/hosts", query).json();
            JsonNode items = Pages.items(answer);
            items.forEach(hosts::add);
            if (Pages.last(answer, items.size(), hosts.size(), HOSTS_PAGE_SIZE)) {
                return hosts;
            }
        }
    }

    /** A 404 or 405 that is about the route, not about a run this orchestrator does not know. */
    private static boolean routeMissing(ServiceException e) {
        return (e.status() == 404 && e.problems().stream().noneMatch(problem -> problem.field() != null))
                || e.status() == 405;
    }

    /** The run's changes as Server-Sent Events, from the start or after {@code lastEventId}. */
    public InputStream runEvents(String runId, String lastEventId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "text/event-stream");
        if (lastEventId != null) {
            headers.put("Last-Event-ID", lastEventId);
        }
        return http.stream("/api/v1/runs/" + segment(runId) + "/events", headers);
    }
}
