package org.staypuft.cli.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.staypuft.cli.CliException;
import org.staypuft.cli.ExitCode;

/**
 * HTTP to one service with the JDK client: the bearer token on every request, error statuses turned into
 * {@link ServiceException} with the service's message, failures to connect into {@link UnreachableException}.
 */
public final class ServiceHttp {

    public static final String JSON = "application/json";

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Service service;
    private final String baseUrl;
    private final BearerToken token;
    private final HttpClient client;

    public ServiceHttp(Service service, String baseUrl, BearerToken token, HttpClient client) {
        this.service = service;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.token = token;
        this.client = client;
    }

    public static HttpClient newClient() {
        // HTTP/1.1: the services speak it, and an h2c upgrade attempt only costs a round trip.
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public Service service() {
        return service;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public ServiceResponse get(String path, Map<String, String> query) {
        return send("GET", path, query, null, null, JSON);
    }

    public ServiceResponse getText(String path) {
        return send("GET", path, Map.of(), null, null, "text/plain");
    }

    public ServiceResponse post(String path, String contentType, String body) {
        return send("POST", path, Map.of(), contentType, body, JSON);
    }

    public ServiceResponse put(String path, String contentType, String body) {
        return send("PUT", path, Map.of(), contentType, body, JSON);
    }

    public ServiceResponse delete(String path) {
        return send("DELETE", path, Map.of(), null, null, JSON);
    }

    public ServiceResponse send(String method, String path, Map<String, String> query, String contentType,
            String body, String accept) {
        HttpRequest.Builder request = request(path, query).timeout(REQUEST_TIMEOUT).header("Accept", accept);
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> response = exchange(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() >= 400) {
            throw refused(response.statusCode(), response.body());
        }
        return new ServiceResponse(service, response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    /**
     * Opens a long-lived response (Server-Sent Events). The timeout covers the response headers only (the JDK
     * client's timeout ends with them); the caller reads the body as long as it likes, and closes it.
     */
    public InputStream stream(String path, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, Map.of()).timeout(REQUEST_TIMEOUT).GET();
        headers.forEach(request::header);
        HttpResponse<InputStream> response = exchange(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() >= 400) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            throw refused(response.statusCode(), body);
        }
        return response.body();
    }

    private HttpRequest.Builder request(String path, Map<String, String> query) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path, query));
        if (token != null) {
            request.header("Authorization", "Bearer " + token.value());
        }
        return request;
    }

    private URI uri(String path, Map<String, String> query) {
        Map<String, String> present = new LinkedHashMap<>();
        query.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                present.put(name, value);
            }
        });
        String queryString = present.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        String uri = baseUrl + path + (queryString.isEmpty() ? "" : "?" + queryString);
        try {
            return URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("not a URL: " + uri + " (check " + service.urlOption() + ")");
        }
    }

    /** A path segment from user input (a deployment id, a role, a host id), encoded. */
    public static String segment(String value) {
        return encode(value).replace("+", "%20");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request, handler);
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("no connection within " + CONNECT_TIMEOUT.toSeconds() + " s", e);
        } catch (HttpTimeoutException e) {
            throw unreachable("no answer within " + REQUEST_TIMEOUT.toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw unreachable(hasCause(e, UnresolvedAddressException.class)
                    || hasCause(e, UnknownHostException.class) ? "unknown host" : "connection refused", e);
        } catch (IOException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.SERVICE, "interrupted while waiting for the " + service.displayName(),
                    e);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("cannot call " + request.uri() + ": " + e.getMessage() + " (check "
                    + service.urlOption() + ")");
        }
    }

    private UnreachableException unreachable(String why, Throwable cause) {
        return new UnreachableException(service, baseUrl, why, cause);
    }

    private ServiceException refused(int status, String body) {
        return new ServiceException(service, baseUrl, status, ErrorBodies.read(body), token);
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
