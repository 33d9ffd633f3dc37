package org.staypuft.cli.webhooks;

import java.util.List;
import java.util.concurrent.Callable;

import org.staypuft.cli.ExitCode;
import org.staypuft.cli.Output;
import org.staypuft.cli.StaypuftCli;
import org.staypuft.cli.text.TextTable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code staypuft webhooks ...}: subscriptions of the webhook dispatcher and their deliveries (operators). */
@Command(name = "webhooks", description = "Subscribe URLs to events (signed CloudEvents over HTTP), list and delete subscriptions, see their deliveries.", mixinStandardHelpOptions = true)
public class WebhooksCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: create, list, delete or deliveries");
    }

    @Command(name = "create", description = "Subscribes a URL to event types. Prints the secret that signs every delivery (Staypuft-Signature): it is never shown again.", mixinStandardHelpOptions = true)
    int create(
            @Option(names = "--url", required = true, paramLabel = "URL", description = "Where to POST the events (http or https).") String url,
            @Option(names = {"--event",
                    "-e"}, required = true, paramLabel = "TYPE", description = "An event type, e.g. deployment.completed (repeat for several).") List<String> events,
            @Option(names = "--deployment", paramLabel = "ID", description = "Only this deployment's events (its id).") String deploymentId,
            @Option(names = "--secret", paramLabel = "SECRET", description = "The HMAC key, 32 to 256 characters (default: generated).") String secret) {
        return StaypuftCli.of(spec).run(spec, session -> {
            ObjectNode request = Output.JSON.createObjectNode();
            request.put("url", url);
            ArrayNode types = request.putArray("eventTypes");
            events.forEach(types::add);
            if (deploymentId != null) {
                request.put("deploymentId", deploymentId);
            }
            if (secret != null) {
                request.put("secret", secret);
            }
            JsonNode created = session.webhooks().create(request);
            Output output = session.output();
            output.json(created);
            output.line("Webhook " + created.path("id").asText() + " -> " + created.path("url").asText());
            output.line("  events: " + String.join(", ", texts(created.path("eventTypes"))));
            output.line("  secret: " + created.path("secret").asText() + "  (shown once: keep it to verify "
                    + "Staypuft-Signature)");
            return ExitCode.OK;
        });
    }

    @Command(name = "list", description = "The subscriptions, newest first (never their secrets).", mixinStandardHelpOptions = true)
    int list() {
        return StaypuftCli.of(spec).run(spec, session -> {
            JsonNode webhooks = session.webhooks().list();
            Output output = session.output();
            output.json(webhooks);
            if (webhooks.isEmpty()) {
                output.note("No webhooks.");
                return ExitCode.OK;
            }
            TextTable table = new TextTable("ID", "URL", "EVENTS", "DEPLOYMENT", "ENABLED");
            for (JsonNode webhook : webhooks) {
                table.row(webhook.path("id").asText(), webhook.path("url").asText(),
                        String.join(",", texts(webhook.path("eventTypes"))),
                        webhook.path("deploymentId").asText("-"), webhook.path("enabled").asText());
            }
            table.lines("").forEach(output::line);
            output.line(webhooks.size() + " webhooks");
            return ExitCode.OK;
        });
    }

    @Command(name = "delete", description = "Deletes a subscription; its pending deliveries are not sent.", mixinStandardHelpOptions = true)
    int delete(
            @Parameters(index = "0", paramLabel = "ID", description = "Webhook id, as 'webhooks list' shows it.") String id) {
        return StaypuftCli.of(spec).run(spec, session -> {
            session.webhooks().delete(id);
            session.output().line("Webhook " + id + " deleted");
            return ExitCode.OK;
        });
    }

    @Command(name = "deliveries", description = "A subscription's latest deliveries: state (PENDING, DELIVERED, DEAD), attempts, the receiver's last status or error.", mixinStandardHelpOptions = true)
    int deliveries(
            @Parameters(index = "0", paramLabel = "ID", description = "Webhook id, as 'webhooks list' shows it.") String id) {
        return StaypuftCli.of(spec).run(spec, session -> {
            JsonNode deliveries = session.webhooks().deliveries(id);
            Output output = session.output();
            output.json(deliveries);
            if (deliveries.isEmpty()) {
                output.note("No deliveries yet.");
                return ExitCode.OK;
            }
            TextTable table = new TextTable("EVENT", "TYPE", "STATE", "ATTEMPTS", "LAST", "NEXT");
            for (JsonNode delivery : deliveries) {
                String last = delivery.path("lastStatus").isNumber()
                        ? "HTTP " + delivery.path("lastStatus").asText()
                        : delivery.path("lastError").asText("-");
                table.row(delivery.path("eventId").asText(), shortType(delivery.path("eventType").asText()),
                        delivery.path("state").asText(), delivery.path("attempts").asText(), last,
                        delivery.path("nextAttemptAt").asText("-"));
            }
            table.lines("").forEach(output::line);
            output.line(deliveries.size() + " deliveries");
            return ExitCode.OK;
        });
    }

    /** {@code org.staypuft.deployment.completed.v1} as {@code deployment.completed}. */
    private static String shortType(String type) {
        return type.replaceFirst("^org\\.staypuft\\.", "").replaceFirst("\\.v1$", "");
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText)
                .map(WebhooksCommand::shortType).toList();
    }
}
