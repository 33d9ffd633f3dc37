package org.staypuft.realpuppet;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

/**
 * Receives the reports the puppet server forwards with its {@code http} report processor: every report every agent
 * sent, as the agent wrote it (YAML), in arrival order. Plain JDK HTTP server on a free loopback port.
 */
final class ReportInbox implements AutoCloseable {

    private final HttpServer server;
    private final List<String> reports = new ArrayList<>();

    ReportInbox() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/reports", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                String report = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                synchronized (reports) {
                    reports.add(report);
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/reports";
    }

    /** Every report received so far. */
    List<String> reports() {
        synchronized (reports) {
            return List.copyOf(reports);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
