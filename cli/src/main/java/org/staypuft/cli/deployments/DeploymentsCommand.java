package org.staypuft.cli.deployments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.staypuft.cli.CliException;
import org.staypuft.cli.ExitCode;
import org.staypuft.cli.Output;
import org.staypuft.cli.Session;
import org.staypuft.cli.StaypuftCli;
import org.staypuft.cli.api.OrchestratorClient;
import org.staypuft.cli.text.TextTable;
import org.staypuft.cli.text.Times;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code staypuft deployments ...}: a deployment's definition in and out of YAML, listed, shown, deleted. */
@Command(name = "deployments", description = "Create or update deployments from YAML, export, list, show, delete them.", mixinStandardHelpOptions = true)
public class DeploymentsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: apply, export, list, show or delete");
    }

    @Command(name = "apply", description = "Create the deployment the YAML file describes, or update the one with its name. Roles that list hosts get exactly those hosts.", mixinStandardHelpOptions = true)
    int apply(
            @Option(names = {"-f",
                    "--file"}, required = true, paramLabel = "FILE", description = "The deployment as YAML (as 'deployments export' writes it); - reads stdin.") String file) {
        return StaypuftCli.of(spec).run(spec, session -> {
            String yaml = read(file, session);
            ObjectNode definition = DeploymentYaml.parse(yaml, file);
            return new DeploymentApply(session).apply(definition, yaml);
        });
    }

    @Command(name = "export", description = "The deployment as YAML, ready for 'deployments apply'.", mixinStandardHelpOptions = true)
    int export(@Parameters(paramLabel = "NAME", description = "Deployment name.") String name,
            @Option(names = {"-o",
                    "--file"}, paramLabel = "FILE", description = "Write to this file instead of stdout.") Path target) {
        return StaypuftCli.of(spec).run(spec, session -> {
            OrchestratorClient orchestrator = session.orchestrator();
            JsonNode deployment = orchestrator.requireDeployment(name);
            String yaml = orchestrator.exportYaml(deployment.path("id").asText());
            Output output = session.output();
            if (target != null) {
                write(session.environment().workingDirectory().resolve(target), yaml);
                output.note("Wrote deployment " + name + " to " + target);
                output.json(Output.JSON.createObjectNode().put("deployment", name).put("file", target.toString()));
            } else if (output.json()) {
                output.json(DeploymentYaml.parse(yaml, "the export of " + name));
            } else {
                output.raw(yaml.endsWith("\n") ? yaml : yaml + "\n");
            }
            return ExitCode.OK;
        });
    }

    @Command(name = "list", description = "Every deployment, by name.", mixinStandardHelpOptions = true)
    int list() {
        return StaypuftCli.of(spec).run(spec, session -> {
            JsonNode deployments = session.orchestrator().deployments();
            Output output = session.output();
            output.json(deployments);
            if (!deployments.isEmpty()) {
                TextTable table = new TextTable("NAME", "ROLES", "HOSTS", "ACTIVE RUN", "UPDATED", "ID");
                for (JsonNode deployment : deployments) {
                    table.row(deployment.path("name").asText(), deployment.path("roles").size(),
                            hostCount(deployment), deployment.path("activeRunId").asText(""),
                            Times.local(deployment.path("updatedAt").asText(null), session.environment().clock()),
                            deployment.path("id").asText());
                }
                table.lines("").forEach(output::line);
            } else {
                output.note("No deployments yet: staypuft deployments apply -f FILE.yaml creates one.");
            }
            return ExitCode.OK;
        });
    }

    @Command(name = "show", description = "A deployment: its roles, their order and settings, its hosts, its active run.", mixinStandardHelpOptions = true)
    int show(@Parameters(paramLabel = "NAME", description = "Deployment name.") String name) {
        return StaypuftCli.of(spec).run(spec, session -> {
            JsonNode deployment = session.orchestrator().requireDeployment(name);
            session.output().json(deployment);
            DeploymentText.show(deployment, session.environment().clock()).forEach(session.output()::line);
            return ExitCode.OK;
        });
    }

    @Command(name = "delete", description = "Deletes a deployment and its runs' history; its hosts become free. Refused while a run is active.", mixinStandardHelpOptions = true)
    int delete(@Parameters(paramLabel = "NAME", description = "Deployment name.") String name) {
        return StaypuftCli.of(spec).run(spec, session -> {
            OrchestratorClient orchestrator = session.orchestrator();
            JsonNode deployment = orchestrator.requireDeployment(name);
            orchestrator.delete(deployment.path("id").asText());
            session.output().line("Deleted deployment " + name + "; its hosts are free.");
            session.output().json(Output.JSON.createObjectNode().put("deleted", name)
                    .put("id", deployment.path("id").asText()));
            return ExitCode.OK;
        });
    }

    static int hostCount(JsonNode deployment) {
        int hosts = 0;
        for (JsonNode role : deployment.path("roles")) {
            hosts += role.path("hosts").size();
        }
        return hosts;
    }

    private static String read(String file, Session session) {
        if ("-".equals(file)) {
            try {
                return new String(session.environment().stdin().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw CliException.usage("cannot read the deployment from stdin: " + e.getMessage());
            }
        }
        Path path = session.environment().workingDirectory().resolve(file);
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw CliException.usage("cannot read " + file + ": " + (Files.exists(path)
                    ? Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName())
                    : "no such file"));
        }
    }

    private static void write(Path target, String content) {
        try {
            Files.writeString(target, content);
        } catch (IOException e) {
            throw CliException.usage("cannot write " + target + ": " + e.getMessage());
        }
    }
}
