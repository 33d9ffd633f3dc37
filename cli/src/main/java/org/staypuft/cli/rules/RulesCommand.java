package org.staypuft.cli.rules;

import java.util.concurrent.Callable;

import org.staypuft.cli.ExitCode;
import org.staypuft.cli.Output;
import org.staypuft.cli.StaypuftCli;
import org.staypuft.cli.text.TextTable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code staypuft rules ...}: discovery rules that assign discovered hosts to deployments' roles (ADR 0018). */
@Command(name = "rules", description = "Discovery rules: assign discovered hosts whose facts match a CEL expression to a deployment's role.", mixinStandardHelpOptions = true)
public class RulesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "Missing command: list, create, delete, enable, disable or test");
    }

    @Command(name = "list", description = "The rules in the order they are tried (priority, then name).", mixinStandardHelpOptions = true)
    int list() {
        return StaypuftCli.of(spec).run(spec, session -> {
            JsonNode rules = session.orchestrator().discoveryRules();
            Output output = session.output();
            output.json(rules);
            if (rules.isEmpty()) {
                output.note("No discovery rules.");
                return ExitCode.OK;
            }
            TextTable table = new TextTable("PRIORITY", "NAME", "ENABLED", "DEPLOYMENT", "ROLE", "TAKEN", "NAMES",
                    "EXPRESSION");
            for (JsonNode rule : rules) {
                table.row(rule.path("priority").asText(), rule.path("name").asText(),
                        rule.path("enabled").asBoolean() ? "yes" : "no", rule.path("deployment").asText(),
                        rule.path("role").asText(), taken(rule), rule.path("hostnamePattern").asText("-"),
                        rule.path("expression").asText());
            }
            table.lines("").forEach(output::line);
            return ExitCode.OK;
        });
    }

    @Command(name = "create", description = "Creates a rule. A discovered (or re-described) free host is assigned by the first enabled rule, by priority, whose expression is true and that has room; once per host.", mixinStandardHelpOptions = true)
    int create(
            @Parameters(index = "0", paramLabel = "NAME", description = "Rule name (lower case, digits, dashes).") String name,
            @Option(names = {"-e",
                    "--expression"}, required = true, paramLabel = "CEL", description = "A CEL expression over facts, mac, name, kind and hostId, e.g. \"facts.cpu_count >= 32 && kind == 'discovered'\".") String expression,
            @Option(names = {"-d",
                    "--deployment"}, required = true, paramLabel = "NAME", description = "Deployment the hosts go to.") String deployment,
            @Option(names = {"-r",
                    "--role"}, required = true, paramLabel = "ROLE", description = "Role of that deployment.") String role,
            @Option(names = {"-p",
                    "--priority"}, paramLabel = "N", description = "Lower is tried first (default 100).") Integer priority,
            @Option(names = {"-m",
                    "--max"}, paramLabel = "N", description = "At most N hosts over the rule's life.") Integer max,
            @Option(names = {"-n",
                    "--name-pattern"}, paramLabel = "PATTERN", description = "Name given to each host, ${n} counting up per rule, e.g. compute-$${n}.") String pattern,
            @Option(names = "--disabled", description = "Create it disabled (try it with 'rules test' first).") boolean disabled) {
        return StaypuftCli.of(spec).run(spec, session -> {
            ObjectNode body = Output.JSON.createObjectNode();
            body.put("name", name);
            if (priority != null) {
                body.put("priority", priority);
            }
            body.put("expression", expression);
            body.put("deployment", deployment);
            body.put("role", role);
            if (max != null) {
                body.put("maxCount", max);
            }
            if (pattern != null) {
                body.put("hostnamePattern", pattern);
            }
            body.put("enabled", !disabled);
            JsonNode rule = session.orchestrator().createDiscoveryRule(body);
            Output output = session.output();
            output.json(rule);
            output.line("Rule " + rule.path("name").asText() + " created (" + (rule.path("enabled").asBoolean()
                    ? "enabled"
                    : "disabled") + ", priority " + rule.path("priority").asText() + "): hosts matching "
                    + rule.path("expression").asText() + " go to " + rule.path("deployment").asText() + "/"
                    + rule.path("role").asText());
            return ExitCode.OK;
        });
    }

    @Command(name = "delete", description = "Deletes a rule; the hosts it assigned stay where they are.", mixinStandardHelpOptions = true)
    int delete(@Parameters(index = "0", paramLabel = "NAME", description = "Rule name.") String name) {
        return StaypuftCli.of(spec).run(spec, session -> {
            session.orchestrator().deleteDiscoveryRule(name);
            session.output().line("Rule " + name + " deleted");
            return ExitCode.OK;
        });
    }

    @Command(name = "enable", description = "Enables a rule: it takes hosts discovered (or re-described) from now on.", mixinStandardHelpOptions = true)
    int enable(@Parameters(index = "0", paramLabel = "NAME", description = "Rule name.") String name) {
        return switchRule(name, true);
    }

    @Command(name = "disable", description = "Disables a rule: it takes no more hosts.", mixinStandardHelpOptions = true)
    int disable(@Parameters(index = "0", paramLabel = "NAME", description = "Rule name.") String name) {
        return switchRule(name, false);
    }

    @Command(name = "test", description = "Which free hosts of the inventory the rule would take now, and the names it would give; assigns nothing.", mixinStandardHelpOptions = true)
    int test(@Parameters(index = "0", paramLabel = "NAME", description = "Rule name.") String name) {
        return StaypuftCli.of(spec).run(spec, session -> {
            JsonNode trial = session.orchestrator().testDiscoveryRule(name);
            Output output = session.output();
            output.json(trial);
            JsonNode wouldTake = trial.path("wouldTake");
            output.line("Rule " + trial.path("rule").asText() + " (" + (trial.path("enabled").asBoolean()
                    ? "enabled"
                    : "disabled") + ") matches " + trial.path("matched").asInt() + " free hosts and would take "
                    + wouldTake.size() + (trial.path("room").isNull() || trial.path("room").isMissingNode()
                            ? " (no limit)"
                            : " (room for " + trial.path("room").asInt() + ")"));
            if (!wouldTake.isEmpty()) {
                TextTable table = new TextTable("HOST", "NAME", "WOULD BE NAMED");
                for (JsonNode candidate : wouldTake) {
                    table.row(candidate.path("hostId").asText(), candidate.path("name").asText(""),
                            candidate.path("hostName").asText("-"));
                }
                table.lines("").forEach(output::line);
            }
            for (JsonNode failure : trial.path("errors")) {
                output.line("  not evaluated on " + failure.path("hostId").asText() + ": "
                        + failure.path("message").asText());
            }
            return ExitCode.OK;
        });
    }

    private int switchRule(String name, boolean enabled) {
        return StaypuftCli.of(spec).run(spec, session -> {
            JsonNode rule = session.orchestrator().enableDiscoveryRule(name, enabled);
            Output output = session.output();
            output.json(rule);
            output.line("Rule " + rule.path("name").asText() + " " + (enabled ? "enabled" : "disabled"));
            return ExitCode.OK;
        });
    }

    private static String taken(JsonNode rule) {
        return rule.path("taken").asText() + (rule.path("maxCount").isNumber()
                ? "/" + rule.path("maxCount").asText()
                : "");
    }
}
