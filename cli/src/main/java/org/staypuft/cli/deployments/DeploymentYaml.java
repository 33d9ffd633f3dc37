package org.staypuft.cli.deployments;

import org.staypuft.cli.CliException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Reads a deployment definition from YAML, enough to know its name; the orchestrator judges the rest. */
final class DeploymentYaml {

    private static final YAMLMapper YAML = new YAMLMapper();

    private DeploymentYaml() {
    }

    /** @param source what to call the YAML in messages: its file name */
    static ObjectNode parse(String yaml, String source) {
        JsonNode document;
        try {
            document = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw CliException.usage(source + " is not valid YAML" + where(e));
        }
        if (document == null || !document.isObject()) {
            throw CliException.usage(source + " is not a deployment: expected a mapping with name and roles");
        }
        JsonNode name = document.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw CliException.usage(source + " has no name: the name says which deployment to create or update");
        }
        return (ObjectNode) document;
    }

    /** Where the YAML breaks and why, on one line: {@code  (line 3, column 1): expected ...}. */
    private static String where(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            return " (line " + (marked.getProblemMark().getLine() + 1) + ", column "
                    + (marked.getProblemMark().getColumn() + 1) + "): " + marked.getProblem();
        }
        JsonLocation location = e.getLocation();
        return (location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")")
                + ": " + e.getOriginalMessage().lines().findFirst().orElse("");
    }
}
