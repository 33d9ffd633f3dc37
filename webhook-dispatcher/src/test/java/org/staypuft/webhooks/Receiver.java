package org.staypuft.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/** A real HTTP receiver of webhooks (the JDK's server): records every request, answers after a delay with a status. */
final class Receiver implements AutoCloseable {

    /** One request as it arrived. */
    record Request(Map<String, List<String>> headers, byte[] body, long receivedAtMillis) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private Receiver(Duration delay, int status) throws IOException {
        this(delay, status, false);
    }

    private Receiver(Duration delay, int status, boolean trickleBody) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            requests.add(new Request(Map.copyOf(exchange.getRequestHeaders()), body, System.currentTimeMillis()));
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (trickleBody) {
                // Headers at once, then a body that never ends (one byte now, then silence).
                exchange.sendResponseHeaders(status, 0);
                exchange.getResponseBody().write('{');
                exchange.getResponseBody().flush();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                exchange.sendResponseHeaders(status, -1);
            }
            exchange.close();
        });
        server.start();
    }

    /** Answers 204 at once. */
    static Receiver healthy() throws IOException {
        return new Receiver(Duration.ZERO, 204);
    }

    /** Answers only after {@code delay} (longer than the dispatcher's read timeout: a hanging receiver). */
    static Receiver sleeping(Duration delay) throws IOException {
        return new Receiver(delay, 204);
    }

    /** Answers 200 at once with a body that never ends. */
    static Receiver tricklingBody() throws IOException {
        return new Receiver(Duration.ZERO, 200, true);
    }

    /** A URL where nothing listens: a port that was free a moment ago. */
    static String closedPortUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/hook";
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
