package org.staypuft.simulator.announce;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How a host announces itself to the discovery listener: as the discovery image does ({@code POST
 * /api/v2/discovered_hosts/facts}) or as the client installer does ({@code POST /api/v1/registrations} with its
 * registration token).
 */
public final class ListenerClient {

    public static final String FACTS_PATH = "/api/v2/discovered_hosts/facts";
    public static final String REGISTRATIONS_PATH = "/api/v1/registrations";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI listenerUrl;

    public ListenerClient(HttpClient http, URI listenerUrl) {
        this.http = http;
        this.listenerUrl = listenerUrl;
    }

    /** Uploads the host's discovery facts. */
    public Announcement discover(HostIdentity host) {
        Map<String, Object> body = Map.of("facts", DiscoveryFacts.of(host));
        return post(Announcement.Kind.DISCOVERED, FACTS_PATH, body, null);
    }

    /** Registers the host with a registration token, as {@code client-installer} does. */
    public Announcement register(HostIdentity host, String registrationToken) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hostname", host.hostname());
        body.put("address", host.address());
        body.put("mac", host.mac());
        body.put("sshHostKeys", List.of(host.sshHostKeyLine()));
        body.put("facts", DiscoveryFacts.ofInstalledSystem(host));
        return post(Announcement.Kind.REGISTERED, REGISTRATIONS_PATH, body, registrationToken);
    }

    private Announcement post(Announcement.Kind kind, String path, Map<String, Object> body, String bearer) {
        URI uri = resolve(listenerUrl, path);
        HttpResponse<String> response;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AnnouncementRefusedException("Cannot reach the discovery listener at " + uri + ": " + e, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnnouncementRefusedException("Interrupted while calling " + uri, 0, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new AnnouncementRefusedException(uri + " answered " + response.statusCode() + ": "
                    + response.body(), response.statusCode(), null);
        }
        try {
            JsonNode answer = JSON.readTree(response.body());
            return new Announcement(kind, answer.path("id").asText(null), answer.path("name").asText(null),
                    answer.path("outcome").asText(null));
        } catch (JsonProcessingException e) {
            throw new AnnouncementRefusedException(uri + " answered " + response.statusCode()
                    + " with a body that is not JSON", response.statusCode(), e);
        }
    }

    /** Appends an absolute path to a base URL that may itself have a path (a listener behind a prefix). */
    static URI resolve(URI base, String path) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
    }
}
