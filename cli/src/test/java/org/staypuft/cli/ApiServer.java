package org.staypuft.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server in the test JVM that answers like a Staypuft service, with responses shaped after the services'
 * views: the CLI's HTTP peer in these tests. Every request is recorded; a request nobody answers gets a 404 with an
 * empty body, as a service answers for a route it does not have.
 */
final class ApiServer implements AutoCloseable {

    /** A request as the server received it. */
    record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }
    }

    @FunctionalInterface
    interface Responder {

        void respond(HttpExchange exchange, Request request) throws IOException;
    }

    private final HttpServer server;
    private final Map<String, Deque<Responder>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private ApiServer(HttpServer server) {
        this.server = server;
    }

    static ApiServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            ApiServer api = new ApiServer(server);
            server.createContext("/", api::handle);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code method path} with this responder; several for one route answer in turn, the last repeats. */
    ApiServer on(String method, String path, Responder responder) {
        routes.computeIfAbsent(method + " " + path, key -> new ArrayDeque<>()).add(responder);
        return this;
    }

    ApiServer json(String method, String path, int status, String body) {
        return on(method, path, (exchange, request) -> send(exchange, status, "application/json", body));
    }

    ApiServer text(String method, String path, int status, String contentType, String body) {
        return on(method, path, (exchange, request) -> send(exchange, status, contentType, body));
    }

    /** A Server-Sent-Events answer: the given stream, then the end of the response. */
    ApiServer events(String path, String stream) {
        return on("GET", path, (exchange, request) -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(stream.getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String method, String path) {
        return requests.stream().filter(request -> request.method().equals(method) && request.path().equals(path))
                .toList();
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            exchange.getResponseHeaders().add("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body);
        requests.add(request);
        Responder responder = next(request.method() + " " + request.path());
        try {
            if (responder == null) {
                send(exchange, 404, null, null);
            } else {
                responder.respond(exchange, request);
            }
        } finally {
            exchange.close();
        }
    }

    private Responder next(String route) {
        Deque<Responder> answers = routes.get(route);
        if (answers == null) {
            return null;
        }
        synchronized (answers) {
            return answers.size() > 1 ? answers.poll() : answers.peek();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
