package org.staypuft.cli.watch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Parses a {@code text/event-stream} (the WHATWG rules: fields, multi-line data, comments, blank-line dispatch). */
public final class SseReader {

    private SseReader() {
    }

    /** Reads events until the stream ends; an event cut off by the end is dropped, as the spec says. */
    public static void read(InputStream stream, Consumer<SseEvent> onEvent) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        String id = null;
        String name = null;
        StringBuilder data = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    onEvent.accept(new SseEvent(id, name == null ? "message" : name, data.toString()));
                }
                name = null;
                data = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue; // a comment, e.g. a keep-alive
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> id = value;
                case "event" -> name = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> {
                    // "retry" and unknown fields: nothing the CLI needs
                }
            }
        }
    }
}
