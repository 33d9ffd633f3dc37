package org.staypuft.cli;

import java.io.PrintWriter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where a command's results go. In text mode: lines for people on stdout, notes and errors on stderr. In JSON mode:
 * JSON documents only on stdout (and a JSON error object on stderr), so that scripts can parse what they get.
 */
public final class Output {

    public static final ObjectMapper JSON = new ObjectMapper();

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintWriter out;
    private final PrintWriter err;
    private final OutputFormat format;

    public Output(PrintWriter out, PrintWriter err, OutputFormat format) {
        this.out = out;
        this.err = err;
        this.format = format;
    }

    public boolean json() {
        return format == OutputFormat.json;
    }

    /** A line of the result, text mode only. */
    public void line(String text) {
        if (!json()) {
            out.println(text);
            out.flush();
        }
    }

    /** Text written as is (a YAML document, an answer file), text mode only. */
    public void raw(String text) {
        if (!json()) {
            out.print(text);
            out.flush();
        }
    }

    /** A note beside the result (what to do next), on stderr so that stdout stays the result; text mode only. */
    public void note(String text) {
        if (!json()) {
            err.println(text);
            err.flush();
        }
    }

    /** The result document, JSON mode only. */
    public void json(JsonNode document) {
        if (json()) {
            out.println(write(PRETTY, document));
            out.flush();
        }
    }

    /** One line of a JSON-lines stream (live progress), JSON mode only. */
    public void jsonLine(JsonNode document) {
        if (json()) {
            out.println(write(JSON, document));
            out.flush();
        }
    }

    public void error(CliException error) {
        if (json()) {
            ObjectNode body = JSON.createObjectNode();
            body.set("error", error.toJson());
            err.println(write(JSON, body));
        } else {
            err.println("Error: " + error.getMessage());
        }
        err.flush();
    }

    /** The stream live progress is drawn on. */
    public PrintWriter stdout() {
        return out;
    }

    private static String write(ObjectMapper mapper, JsonNode document) {
        try {
            return mapper.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }
}
