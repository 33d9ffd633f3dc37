package org.staypuft.orchestrator.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Debian's headless Chromium as a child process, driven over the Chrome DevTools Protocol on the JDK's WebSocket
 * client: one tab, navigate, evaluate JavaScript, screenshots. It records the page's uncaught exceptions and
 * console/CSP errors, so a test can insist there were none. {@link #close()} kills the whole process tree.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path BINARY = Path.of(System.getProperty("staypuft.chromium", "/usr/bin/chromium"));

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String LISTENING = "DevTools listening on ";

    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> pageErrors = new CopyOnWriteArrayList<>();
    private final Process process;
    private final Path profile;
    private WebSocket socket;
    private String sessionId;

    private HeadlessChromium(Process process, Path profile) {
        this.process = process;
        this.profile = profile;
    }

    /** A started browser with one blank tab, or empty when Chromium is not installed. */
    public static Optional<HeadlessChromium> startIfInstalled(int width, int height) {
        if (!Files.isExecutable(BINARY)) {
            return Optional.empty();
        }
        HeadlessChromium browser = null;
        try {
            Path profile = Files.createTempDirectory("staypuft-chromium-");
            Process process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update", "--no-first-run",
                    "--disable-sync", "--disable-quic", "--disable-extensions", "--hide-scrollbars",
                    "--user-data-dir=" + profile, "--remote-debugging-port=0",
                    "--window-size=" + width + "," + height, "about:blank")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            browser = new HeadlessChromium(process, profile);
            browser.connect(browser.devToolsUrl().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            browser.openTab(width, height);
            return Optional.of(browser);
        } catch (Exception e) {
            if (browser != null) {
                browser.close();
            }
            throw new IllegalStateException("Chromium did not start: " + e.getMessage(), e);
        }
    }

    /** The WebSocket URL Chromium prints on stderr; the rest of stderr is drained so the browser never blocks. */
    private CompletableFuture<URI> devToolsUrl() {
        CompletableFuture<URI> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            List<String> seen = new ArrayList<>();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    int at = line.indexOf(LISTENING);
                    if (at >= 0) {
                        url.complete(URI.create(line.substring(at + LISTENING.length()).trim()));
                    } else if (!url.isDone() && seen.size() < 20) {
                        seen.add(line);
                    }
                }
            } catch (IOException e) {
                // the browser is gone
            }
            url.completeExceptionally(new IllegalStateException("no DevTools URL on stderr: " + seen));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        return url;
    }

    private void connect(URI url) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
                .buildAsync(url, new Listener()).join();
    }

    private void openTab(int width, int height) {
        String targetId = call(null, "Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
        sessionId = call(null, "Target.attachToTarget", Map.of("targetId", targetId, "flatten", true))
                .path("sessionId").asText();
        send("Page.enable", Map.of());
        send("Runtime.enable", Map.of());
        send("Log.enable", Map.of());
        send("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", false));
    }

    /** Loads a URL in the tab (returns once the navigation is committed; wait for the page's state yourself). */
    public void navigate(String url) {
        JsonNode result = send("Page.navigate", Map.of("url", url));
        if (result.hasNonNull("errorText")) {
            throw new IllegalStateException("navigation to " + url + " failed: " + result.get("errorText"));
        }
    }

    /** The value of a JavaScript expression in the page (promises awaited), as JSON. */
    public JsonNode evaluate(String expression) {
        JsonNode result = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** The whole page (not only the window) as a PNG file. */
    public Path screenshot(Path file) throws IOException {
        JsonNode size = send("Page.getLayoutMetrics", Map.of()).path("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", size.path("width").asDouble(),
                "height", size.path("height").asDouble(), "scale", 1);
        String png = send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", clip)).path("data").asText();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(png));
        return file;
    }

    /** Uncaught exceptions, console errors and browser log errors (CSP violations, failed loads) so far. */
    public List<String> pageErrors() {
        return List.copyOf(pageErrors);
    }

    /** Forgets the errors so far (one browser serves several tests). */
    public void clearPageErrors() {
        pageErrors.clear();
    }

    private JsonNode send(String method, Map<String, ?> params) {
        return call(sessionId, method, params);
    }

    private synchronized JsonNode call(String session, String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        ObjectNode message = json.createObjectNode().put("id", id).put("method", method);
        message.set("params", json.valueToTree(params));
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            socket.sendText(message.toString(), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            JsonNode response = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (response.has("error")) {
                throw new IllegalStateException(method + " failed: " + response.get("error"));
            }
            return response.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", e);
        } catch (Exception e) {
            throw e instanceof IllegalStateException ise
                    ? ise
                    : new IllegalStateException(method + " got no answer: " + e, e);
        } finally {
            pending.remove(id);
        }
    }

    private void onMessage(String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (IOException e) {
            return;
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.get(message.get("id").asInt());
            if (answer != null) {
                answer.complete(message);
            }
            return;
        }
        JsonNode params = message.path("params");
        switch (message.path("method").asText()) {
            case "Runtime.exceptionThrown" -> pageErrors.add("exception: " + params.path("exceptionDetails")
                    .path("exception").path("description").asText(params.path("exceptionDetails").toString()));
            case "Runtime.consoleAPICalled" -> {
                if (params.path("type").asText().equals("error")) {
                    pageErrors.add("console: " + params.path("args"));
                }
            }
            case "Log.entryAdded" -> {
                if (params.path("entry").path("level").asText().equals("error")) {
                    pageErrors.add("log: " + params.path("entry").path("text").asText());
                }
            }
            default -> {
            }
        }
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder parts = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            parts.append(data);
            if (last) {
                String text = parts.toString();
                parts.setLength(0);
                onMessage(text);
            }
            webSocket.request(1);
            return null;
        }
    }

    /** Kills the browser and every process it started, then removes its profile. */
    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // reported below if it still runs
            }
        }
        List<ProcessHandle> alive = tree.stream().filter(ProcessHandle::isAlive).toList();
        deleteProfile();
        if (!alive.isEmpty()) {
            throw new IllegalStateException("Chromium processes survived: " + alive);
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
