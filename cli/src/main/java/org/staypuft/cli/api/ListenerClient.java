package org.staypuft.cli.api;

import java.util.Map;
import java.util.Optional;

import org.staypuft.cli.Output;
import org.staypuft.cli.http.ServiceException;
import org.staypuft.cli.http.ServiceHttp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The discovery listener: registration tokens and client installer answer files. */
public final class ListenerClient {

    private final ServiceHttp http;

    public ListenerClient(ServiceHttp http) {
        this.http = http;
    }

    public String baseUrl() {
        return http.baseUrl();
    }

    /**
     * An answer file made by the listener ({@code POST /api/v1/answer-files}, text/plain), or empty when this
     * listener has no such endpoint yet.
     */
    public Optional<String> answerFile(ObjectNode request) {
        try {
            return Optional.of(http.send("POST", "/api/v1/answer-files", Map.of(), ServiceHttp.JSON,
                    request.toString(), "text/plain").body());
        } catch (ServiceException e) {
            // The route is missing: a 404 about no field (a listener answers {"error":"Not Found"} for it).
            if (e.status() == 404 && e.problems().stream().allMatch(problem -> problem.field() == null)
                    || e.status() == 405) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A new registration token: {@code {"id","token","description","createdAt","expiresAt"}}. */
    public JsonNode issueRegistrationToken(String description, String ttl) {
        ObjectNode request = Output.JSON.createObjectNode();
        request.put("description", description);
        if (ttl != null) {
            request.put("ttl", ttl);
        }
        return http.post("/api/v1/registration-tokens", ServiceHttp.JSON, request.toString()).json();
    }
}
