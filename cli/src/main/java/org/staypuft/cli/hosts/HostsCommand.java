package org.staypuft.cli.hosts;

import java.util.List;
import java.util.concurrent.Callable;

import org.staypuft.cli.ExitCode;
import org.staypuft.cli.Output;
import org.staypuft.cli.StaypuftCli;
import org.staypuft.cli.api.OrchestratorClient;
import org.staypuft.cli.api.RegistryClient;
import org.staypuft.cli.text.TextTable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code staypuft hosts ...}: the inventory (host registry), and hosts in and out of roles (orchestrator). */
@Command(name = "hosts", description = "List hosts; assign them to a deployment's role, or take them out.", mixinStandardHelpOptions = true)
public class HostsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "Missing command: list, show, assign, unassign, accept-identity or convert");
    }

    @Command(name = "list", description = "Hosts of the inventory matching every given filter, ordered by id.", mixinStandardHelpOptions = true)
    int list(
            @Option(names = "--state", paramLabel = "STATE", description = "${COMPLETION-CANDIDATES}") HostStateFilter state,
            @Option(names = "--kind", paramLabel = "KIND", description = "${COMPLETION-CANDIDATES}") HostKindFilter kind,
            @Option(names = "--deployment", paramLabel = "NAME", description = "hosts of this deployment") String deployment,
            @Option(names = "--role", paramLabel = "ROLE", description = "hosts in this role") String role) {
        return StaypuftCli.of(spec).run(spec, session -> {
            String deploymentId = deployment == null
                    ? null
                    : session.orchestrator().requireDeployment(deployment).path("id").asText();
            ObjectNode hosts = session.registry()
                    .hosts(new RegistryClient.HostFilter(state == null ? null : state.name(),
                            kind == null ? null : kind.name(), deploymentId, role));
            Output output = session.output();
            output.json(hosts);
            JsonNode items = hosts.path("items");
            if (items.isEmpty()) {
                output.note("No hosts match.");
                return ExitCode.OK;
            }
            TextTable table = new TextTable("ID", "NAME", "KIND", "STATE", "ADDRESS", "DEPLOYMENT", "ROLE", "REASON");
            for (JsonNode host : items) {
                table.row(host.path("id").asText(), host.path("name").asText(""), host.path("kind").asText(""),
                        host.path("state").asText(""), host.path("ipv4").asText(host.path("ipv6").asText("")),
                        host.path("deploymentName").asText(host.path("deploymentId").asText("")),
                        host.path("role").asText(""), host.path("stateReason").asText(""));
            }
            table.lines("").forEach(output::line);
            output.line(items.size() + " hosts");
            return ExitCode.OK;
        });
    }

    @Command(name = "show", description = "One host: identity, SSH host keys and where they came from, its place in a deployment, and every refused identity claim (host.identity-conflict).", mixinStandardHelpOptions = true)
    int show(
            @Parameters(index = "0", paramLabel = "HOST", description = "Host id, as 'hosts list' shows it.") String hostId) {
        return StaypuftCli.of(spec).run(spec, session -> {
            ObjectNode answer = session.registry().host(hostId);
            Output output = session.output();
            output.json(answer);
            JsonNode host = answer.path("host");
            output.line("Host " + host.path("id").asText() + " (" + host.path("name").asText("") + ")");
            output.line("  kind:        " + host.path("kind").asText(""));
            output.line("  state:       " + host.path("state").asText("")
                    + (host.path("stateReason").isTextual() ? " (" + host.path("stateReason").asText() + ")" : ""));
            output.line("  address:     " + host.path("ipv4").asText(host.path("ipv6").asText("")));
            output.line("  deployment:  " + host.path("deploymentName").asText(host.path("deploymentId").asText("-"))
                    + " / " + host.path("role").asText("-"));
            output.line("  ssh keys:    from " + host.path("sshHostKeysSource").asText(""));
            for (JsonNode key : host.path("sshHostKeys")) {
                output.line("    " + key.path("algorithm").asText() + " " + key.path("key").asText());
            }
            JsonNode conflicts = answer.path("identityConflicts");
            if (conflicts.isEmpty()) {
                output.line("  identity conflicts: none");
                return ExitCode.OK;
            }
            output.line("  identity conflicts: " + conflicts.size() + " (refused, nothing changed)");
            for (JsonNode conflict : conflicts) {
                output.line("    " + conflict.path("detectedAt").asText() + " CONFLICT " + conflict.path("source")
                        .asText() + " claimed " + String.join(", ", texts(conflict.path("attributes")))
                        + ": kind " + conflict.path("claimedKind").asText() + ", address "
                        + conflict.path("claimedAddress").asText("-") + ", " + conflict.path("claimedSshHostKeys")
                                .size()
                        + " keys (refused by " + conflict.path("detectedBy").asText() + ") id "
                        + conflict.path("eventId").asText() + ", " + conflict.path("resolution").asText("open"));
            }
            return ExitCode.OK;
        });
    }

    @Command(name = "accept-identity", description = "Accepts a refused identity claim (an operator's decision): its address and SSH host keys become the host's; the runner connects there and checks those keys from now on.", mixinStandardHelpOptions = true)
    int acceptIdentity(
            @Parameters(index = "0", paramLabel = "HOST", description = "Host id, as 'hosts list' shows it.") String hostId,
            @Parameters(index = "1", paramLabel = "CONFLICT", description = "Id of the identity conflict, as 'hosts show' prints it.") String conflictId) {
        return StaypuftCli.of(spec).run(spec, session -> {
            JsonNode host = session.registry().acceptIdentityConflict(hostId, conflictId);
            Output output = session.output();
            output.json(host);
            output.line("Host " + host.path("id").asText() + ": accepted identity conflict " + conflictId
                    + "; address " + host.path("ipv4").asText(host.path("ipv6").asText("-")) + ", "
                    + host.path("sshHostKeys").size() + " SSH host keys (from " + host.path("sshHostKeysSource")
                            .asText("")
                    + ")");
            return ExitCode.OK;
        });
    }

    @Command(name = "convert", description = "Converts a host that is in no deployment between discovered (Staypuft provisions it) and registered (never provisioned; a discovery upload cannot change its identity).", mixinStandardHelpOptions = true)
    int convert(
            @Parameters(index = "0", paramLabel = "HOST", description = "Host id, as 'hosts list' shows it.") String hostId,
            @Parameters(index = "1", paramLabel = "KIND", description = "discovered or registered") String kind) {
        return StaypuftCli.of(spec).run(spec, session -> {
            JsonNode host = session.registry().convert(hostId, kind);
            Output output = session.output();
            output.json(host);
            output.line("Host " + host.path("id").asText() + " is now " + host.path("kind").asText());
            return ExitCode.OK;
        });
    }

    private static List<String> texts(JsonNode array) {
        java.util.ArrayList<String> texts = new java.util.ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    @Command(name = "assign", description = "Assigns hosts to a role of a deployment; they are deployed by its next run.", mixinStandardHelpOptions = true)
    int assign(@Parameters(index = "0", paramLabel = "NAME", description = "Deployment name.") String deployment,
            @Parameters(index = "1", paramLabel = "ROLE", description = "Role name.") String role,
            @Parameters(index = "2..*", arity = "1..*", paramLabel = "HOST", description = "Host ids, as 'hosts list' shows them.") List<String> hosts) {
        return StaypuftCli.of(spec).run(spec, session -> {
            OrchestratorClient orchestrator = session.orchestrator();
            String deploymentId = orchestrator.requireDeployment(deployment).path("id").asText();
            return new Assignments(session.output(), deployment, role).each(hosts, "assigned", "to",
                    host -> orchestrator.assign(deploymentId, role, host));
        });
    }

    @Command(name = "unassign", description = "Takes hosts out of a role of a deployment; they become free.", mixinStandardHelpOptions = true)
    int unassign(@Parameters(index = "0", paramLabel = "NAME", description = "Deployment name.") String deployment,
            @Parameters(index = "1", paramLabel = "ROLE", description = "Role name.") String role,
            @Parameters(index = "2..*", arity = "1..*", paramLabel = "HOST", description = "Host ids.") List<String> hosts) {
        return StaypuftCli.of(spec).run(spec, session -> {
            OrchestratorClient orchestrator = session.orchestrator();
            String deploymentId = orchestrator.requireDeployment(deployment).path("id").asText();
            return new Assignments(session.output(), deployment, role).each(hosts, "unassigned", "from", host -> {
                orchestrator.unassign(deploymentId, role, host);
                return null;
            });
        });
    }
}
