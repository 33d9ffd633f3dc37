package org.staypuft.simulator.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executor;

import org.staypuft.simulator.SimulatedHost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The smart proxy that runs inside the discovery image (theforeman/smart_proxy_discovery_image), reduced to its power
 * API: {@code PUT /power/reboot} and {@code PUT /power/kexec} answer {@code {"result": true}} and send the host into
 * its installer. Plain HTTP: the real one listens on 8443 with a self-signed certificate.
 */
public final class DiscoveryProxyServer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 64 * 1024;

    private final SimulatedHost host;
    private final HttpServer server;
    private volatile boolean failing;

    private DiscoveryProxyServer(SimulatedHost host, HttpServer server) {
        this.host = host;
        this.server = server;
    }

    public static DiscoveryProxyServer start(SimulatedHost host, int port, Executor executor) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host.address(), port), 0);
            DiscoveryProxyServer proxy = new DiscoveryProxyServer(host, server);
            server.createContext("/power/", proxy::power);
            server.setExecutor(executor);
            server.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the discovery proxy of " + host.name(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void setFailing(boolean failing) {
        this.failing = failing;
    }

    public void stop() {
        server.stop(0);
    }

    private void power(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"PUT".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, Map.of("result", false, "error", "Method not allowed"));
                return;
            }
            if (failing) {
                respond(exchange, 500, Map.of("result", false, "error", "simulated proxy failure"));
                return;
            }
            switch (path) {
                case "/power/reboot" -> {
                    host.rebootIntoInstaller(null);
                    respond(exchange, 200, Map.of("result", true));
                }
                case "/power/kexec" -> kexec(exchange);
                default -> respond(exchange, 404, Map.of("result", false, "error", "Not found: " + path));
            }
        }
    }

    private void kexec(HttpExchange exchange) throws IOException {
        Map<String, Object> body;
        try {
            body = JSON.readValue(readBody(exchange.getRequestBody()), new TypeReference<Map<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            respond(exchange, 400, Map.of("result", false, "error", "Body is not JSON: " + e.getOriginalMessage()));
            return;
        }
        if (!(body.get("kernel") instanceof String) || !(body.get("initram") instanceof String)) {
            respond(exchange, 400, Map.of("result", false, "error", "kernel and initram are required"));
            return;
        }
        host.rebootIntoInstaller(body);
        respond(exchange, 200, Map.of("result", true));
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new IOException("Request body larger than " + MAX_BODY + " bytes");
        }
        return body;
    }

    private static void respond(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] json = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }
}
