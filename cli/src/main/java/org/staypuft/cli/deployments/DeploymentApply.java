package org.staypuft.cli.deployments;

import java.util.Optional;

import org.staypuft.cli.ExitCode;
import org.staypuft.cli.Output;
import org.staypuft.cli.Session;
import org.staypuft.cli.api.OrchestratorClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Create or update by name: the orchestrator knows deployments by id, a YAML file by name. A deployment with the
 * file's name is updated (PUT, the definition as JSON); otherwise the YAML is imported as it is, so that its hosts
 * are assigned as the import assigns them.
 */
final class DeploymentApply {

    private final OrchestratorClient orchestrator;
    private final Output output;

    DeploymentApply(Session session) {
        this.orchestrator = session.orchestrator();
        this.output = session.output();
    }

    int apply(ObjectNode definition, String yaml) {
        String name = definition.get("name").asText();
        Optional<JsonNode> existing = byName(name);
        JsonNode deployment;
        String action;
        if (existing.isPresent()) {
            deployment = orchestrator.update(existing.get().path("id").asText(), definition);
            action = "updated";
        } else {
            deployment = orchestrator.importYaml(yaml);
            action = "created";
        }
        output.json(Output.JSON.createObjectNode().put("action", action).set("deployment", deployment));
        output.line((action.equals("created") ? "Created" : "Updated") + " deployment " + name + " ("
                + deployment.path("roles").size() + " roles, " + DeploymentsCommand.hostCount(deployment)
                + " hosts), id " + deployment.path("id").asText() + ".");
        output.note("Deploy it: staypuft deploy " + name + " --watch");
        return ExitCode.OK;
    }

    /** By name only: a file whose name happens to be another deployment's id must not update that one. */
    private Optional<JsonNode> byName(String name) {
        for (JsonNode deployment : orchestrator.deployments()) {
            if (name.equals(deployment.path("name").asText())) {
                return Optional.of(deployment);
            }
        }
        return Optional.empty();
    }
}
