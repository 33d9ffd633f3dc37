package org.staypuft.cli.hosts;

import java.util.List;
import java.util.function.Function;

import org.staypuft.cli.CliException;
import org.staypuft.cli.ExitCode;
import org.staypuft.cli.Output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Assigns or unassigns several hosts, one request each: a host that is refused (busy elsewhere, unknown) does not
 * stop the others, and each gets its own line. An authentication failure stops at once: every host would fail.
 */
final class Assignments {

    private final Output output;
    private final String deployment;
    private final String role;

    Assignments(Output output, String deployment, String role) {
        this.output = output;
        this.deployment = deployment;
        this.role = role;
    }

    /**
     * @param verb {@code assigned} or {@code unassigned}
     * @param preposition {@code to} or {@code from}
     * @param change the request for one host; its answer (may be null) goes into the JSON result
     * @return 0 when every host succeeded, else the exit code of the first failure
     */
    int each(List<String> hosts, String verb, String preposition, Function<String, JsonNode> change) {
        ObjectNode result = Output.JSON.createObjectNode().put("deployment", deployment).put("role", role);
        ArrayNode results = result.putArray("results");
        int exitCode = ExitCode.OK;
        for (String host : hosts) {
            ObjectNode entry = results.addObject().put("hostId", host);
            try {
                JsonNode answer = change.apply(host);
                entry.put("ok", true);
                if (answer != null && !answer.isNull()) {
                    entry.set("assignment", answer);
                }
                output.line(capitalised(verb) + " " + host + " " + preposition + " role " + role + " of "
                        + deployment + ".");
            } catch (CliException e) {
                if (e.exitCode() == ExitCode.AUTH) {
                    throw e;
                }
                entry.put("ok", false).set("error", e.toJson());
                output.note("Error: " + host + " not " + verb + ": " + e.getMessage());
                exitCode = exitCode == ExitCode.OK ? e.exitCode() : exitCode;
            }
        }
        output.json(result);
        return exitCode;
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
