package org.staypuft.cli.deployments;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.staypuft.cli.text.TextTable;
import org.staypuft.cli.text.Times;

import com.fasterxml.jackson.databind.JsonNode;

/** A deployment in words: what it is, its roles in order with their settings, their hosts, its active run. */
final class DeploymentText {

    private DeploymentText() {
    }

    static List<String> show(JsonNode deployment, Clock clock) {
        List<String> lines = new ArrayList<>();
        lines.add("Deployment " + deployment.path("name").asText() + " (id " + deployment.path("id").asText() + ")");
        if (deployment.hasNonNull("description")) {
            lines.add("  " + deployment.get("description").asText());
        }
        lines.add("  updated " + Times.local(deployment.path("updatedAt").asText(null), clock));
        String activeRun = deployment.path("activeRunId").asText("");
        lines.add("  active run: " + (activeRun.isEmpty()
                ? "none"
                : activeRun + " (staypuft runs watch " + activeRun
                        + ")"));
        JsonNode parameters = deployment.path("parameters");
        if (parameters.isObject() && !parameters.isEmpty()) {
            lines.add("Parameters:");
            for (Iterator<Map.Entry<String, JsonNode>> it = parameters.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> parameter = it.next();
                lines.add("  " + parameter.getKey() + " = " + parameter.getValue().asText());
            }
        }
        // The API answers secret parameters by name only; the CLI shows just that.
        JsonNode secrets = deployment.path("secretParameters");
        if (secrets.isObject() && !secrets.isEmpty()) {
            List<String> names = new ArrayList<>();
            secrets.fieldNames().forEachRemaining(names::add);
            lines.add("Secret parameters (values hidden): " + String.join(", ", names));
        }
        lines.add("Roles:");
        TextTable roles = new TextTable("ROLE", "DEPENDS ON", "PUPPET CLASSES", "MODE", "MAX CONCURRENT",
                "PUPPET RUNS", "HOSTS");
        for (JsonNode role : deployment.path("roles")) {
            roles.row(role.path("name").asText(), join(role.path("dependsOn")), join(role.path("puppetClasses")),
                    role.path("mode").asText(""), role.path("maxConcurrent").asText(""),
                    role.path("puppetRuns").asText(""), role.path("hosts").size());
        }
        lines.addAll(roles.lines("  "));
        for (JsonNode role : deployment.path("roles")) {
            if (!role.path("hosts").isEmpty()) {
                lines.add("Hosts of " + role.path("name").asText() + ": " + join(role.path("hosts")));
            }
        }
        return lines;
    }

    private static String join(JsonNode values) {
        List<String> texts = new ArrayList<>();
        values.forEach(value -> texts.add(value.asText()));
        return String.join(", ", texts);
    }
}
