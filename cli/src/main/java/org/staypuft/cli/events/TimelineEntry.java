package org.staypuft.cli.events;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One line of a timeline: what happened, when, to which host, and how it ended, from one record.
 *
 * @param outcome what the event says happened, in a word or two: a puppet run's outcome, a host's new state, a
 *        role ready or failed...; null when the type itself says it all
 */
record TimelineEntry(RecordView view, String type, Instant time, String hostId, String role, String runId,
        String outcome, String reason) {

    static TimelineEntry of(RecordView view) {
        return new TimelineEntry(view, view.shortType(), view.time(), view.hostId(), view.text("role"),
                view.runId(), outcomeOf(view), view.text("reason"));
    }

    private static String outcomeOf(RecordView view) {
        JsonNode payload = view.payload();
        return switch (view.shortType()) {
            case "puppet.run-requested" -> lower(view.text("purpose")) + " in " + view.text("environment");
            case "puppet.reboot-requested" -> view.text("kexecKernel") == null ? "reboot" : "kexec";
            case "puppet.run-completed" -> view.text("outcome");
            case "puppet.run-started" -> "attempt " + payload.path("attempt").asInt();
            case "puppet.reboot-completed" -> payload.path("succeeded").asBoolean() ? "succeeded" : "failed";
            case "host.state-changed" -> view.text("state");
            case "host.configuration-changed", "host.configuration-applied" -> join(
                    "environment=", view.text("environment"), "runmode=", view.text("runmode"));
            case "deployment.configured" -> count(payload.path("roles").size(), "role");
            case "deployment.triggered", "deployment.role-started" -> count(payload.path("hostCount").asInt(), "host");
            case "deployment.role-ready" -> "ready (" + payload.path("succeededHosts").asInt() + " ok, "
                    + payload.path("failedHosts").asInt() + " failed)";
            case "deployment.role-failed" -> "failed";
            case "deployment.host-deployed" -> "deployed";
            case "deployment.host-failed" -> "failed in " + view.text("phase");
            case "deployment.host-skipped" -> "skipped";
            case "deployment.agent-enabled" -> "agent enabled";
            case "deployment.completed" -> "completed (" + payload.path("hostsDeployed").asInt() + " deployed)";
            case "deployment.failed" -> "failed (" + count(payload.path("failedHosts").asInt(), "host") + ")";
            case "deployment.cancelled" -> "cancelled by " + view.text("cancelledBy");
            case "deployment.run-waiting" -> "waiting for " + view.text("part") + " ("
                    + count(payload.path("hosts").asInt(), "host") + ")";
            case "deployment.run-wait-ended" -> "no longer waiting for " + view.text("part") + " (waited "
                    + payload.path("waitedMillis").asLong() / 1000 + " s)";
            case "deployment.run-paused" -> "paused: waiting for " + view.text("part") + " longer than "
                    + view.text("waitLimit");
            case "deployment.run-resumed" -> "resumed by " + view.text("resumedBy");
            case "deployment.role-approval-requested" -> "awaits an operator's approval";
            case "deployment.role-approved" -> "approved by " + view.text("approvedBy");
            default -> null;
        };
    }

    private static String count(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    private static String join(String firstName, String first, String secondName, String second) {
        StringBuilder text = new StringBuilder();
        if (first != null) {
            text.append(firstName).append(first);
        }
        if (second != null) {
            text.append(text.isEmpty() ? "" : " ").append(secondName).append(second);
        }
        return text.isEmpty() ? null : text.toString();
    }

    /** Run ends: whatever ran inside the run's window belongs to it. */
    boolean endsRun() {
        return type.equals("deployment.completed") || type.equals("deployment.failed")
                || type.equals("deployment.cancelled");
    }

    ObjectNode toJson(ObjectNode node) {
        node.put("time", time.toString());
        node.put("type", view.type());
        node.put("id", view.id());
        node.put("topic", view.topic());
        node.put("partition", view.record().partition());
        node.put("offset", view.record().offset());
        node.put("key", view.key());
        node.put("deploymentId", view.deploymentId());
        node.put("runId", runId);
        node.put("host", hostId);
        node.put("role", role);
        node.put("outcome", outcome);
        node.put("reason", reason);
        node.set("payload", view.payload().isMissingNode() ? null : view.payload());
        return node;
    }
}
