package org.staypuft.simulator.provisioning;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The end of {@code finish.sh}: {@code POST <registry>/unattended/built?token=<token>} with the installed system's
 * SSH host keys, which replace the discovery image's keys at the registry.
 */
public final class BuiltCallback {

    public static final String BUILT_PATH = "/unattended/built";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;

    public BuiltCallback(HttpClient http) {
        this.http = http;
    }

    /**
     * @return the HTTP status, 0 when the registry could not be reached
     */
    public int send(String registryUrl, String token, List<String> sshHostKeyLines) {
        URI uri = URI.create(registryUrl.replaceAll("/+$", "") + BUILT_PATH + "?token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
        try {
            String body = JSON.writeValueAsString(Map.of("sshHostKeys", sshHostKeyLines));
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
