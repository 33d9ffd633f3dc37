package org.staypuft.orchestrator.run.engine;

import java.util.List;
import java.util.Set;

import org.staypuft.events.puppet.AgentServiceReport;
import org.staypuft.events.puppet.PuppetRunCompleted;
import org.staypuft.events.puppet.ResourceCounts;
import org.staypuft.events.puppet.RunOutcome;

/**
 * Decides whether a puppet run lets its host go on. The original ran puppet twice unchecked and trusted the third
 * report; here transport failures stop the host at once, earlier runs of a role may change and fail resources, the
 * last must be clean, and re-enabling the agent may change nothing but the puppet service.
 */
public final class OutcomeJudge {

    public static final String PUPPET_SERVICE = "Service[puppet]";
    private static final Set<RunOutcome> TRANSPORT = Set.of(RunOutcome.UNREACHABLE, RunOutcome.AUTH_FAILED,
            RunOutcome.HOST_KEY_MISMATCH, RunOutcome.TIMEOUT);

    /** @param reason why the host fails; null when it may go on */
    public record Verdict(String reason) {

        public boolean ok() {
            return reason == null;
        }

        static Verdict pass() {
            return new Verdict(null);
        }
    }

    private OutcomeJudge() {
    }

    /** A PREPARE run: must succeed without failed resources, so the agent service is surely off. */
    public static Verdict prepare(PuppetRunCompleted result) {
        return clean(result, "prepare run");
    }

    /** Deploy run {@code number} of {@code total}; only the last must be clean. */
    public static Verdict deploy(PuppetRunCompleted result, int number, int total) {
        String what = "puppet run " + number + "/" + total;
        if (number < total) {
            return transport(result, what);
        }
        return clean(result, what);
    }

    /** The enable-agent run: clean, and nothing but {@code Service[puppet]} changed. */
    public static Verdict enableAgent(PuppetRunCompleted result) {
        Verdict clean = clean(result, "enable-agent run");
        if (!clean.ok()) {
            return clean;
        }
        List<String> changed = list(result.changedResources());
        List<String> unexpected = changed.stream().filter(resource -> !PUPPET_SERVICE.equals(resource)).toList();
        if (!unexpected.isEmpty()) {
            return new Verdict("enable-agent run changed resources other than " + PUPPET_SERVICE + ": "
                    + String.join(", ", unexpected));
        }
        ResourceCounts counts = result.resources();
        if (counts != null && counts.changed() > changed.size()) {
            return new Verdict("enable-agent run changed " + counts.changed() + " resources, more than "
                    + PUPPET_SERVICE + " alone");
        }
        return agentService(result.agentService());
    }

    /**
     * What the run's report says of the agent's service: the catalog must have it, and the run must leave it running
     * and enabled (a value the run set must be that; a property it did not touch was in sync with the catalog, which
     * the classifier gave runmode 'service' before this run). A completion without this account comes from a runner
     * before receipts: then only the rules above apply, as before.
     */
    private static Verdict agentService(AgentServiceReport service) {
        if (service == null) {
            return Verdict.pass();
        }
        if (!service.managed()) {
            return new Verdict("enable-agent run: the catalog has no " + PUPPET_SERVICE + " (is puppet_management "
                    + "classified on this host, with service_name 'puppet'?): the agent was not enabled");
        }
        if (service.failed()) {
            return new Verdict("enable-agent run: " + PUPPET_SERVICE + " failed");
        }
        if (service.ensure() != null && !"running".equals(service.ensure())) {
            return new Verdict("enable-agent run set " + PUPPET_SERVICE + " to '" + service.ensure()
                    + "', not running");
        }
        if (service.enable() != null && !"true".equals(service.enable())) {
            return new Verdict("enable-agent run set " + PUPPET_SERVICE + " enable to '" + service.enable()
                    + "', not true");
        }
        return Verdict.pass();
    }

    /**
     * Marks of a run that could not get its catalog: the puppet server, its ENC or its CA was unavailable, so nothing
     * was applied and the host did nothing wrong.
     */
    static final List<String> CATALOG_UNAVAILABLE_MARKS = List.of("Could not retrieve catalog from remote server",
            "Error 500 on SERVER", "Could not request certificate", "Could not retrieve catalog; skipping run");

    /** A failed run that never got its catalog: the reason to wait and ask again, or empty. */
    public static java.util.Optional<String> catalogUnavailable(PuppetRunCompleted result) {
        if (result.outcome() != RunOutcome.FAILED) {
            return java.util.Optional.empty();
        }
        for (String text : new String[]{result.reason(), result.outputTail()}) {
            if (text == null) {
                continue;
            }
            for (String line : text.split("\n")) {
                for (String mark : CATALOG_UNAVAILABLE_MARKS) {
                    if (line.contains(mark)) {
                        String trimmed = line.strip();
                        return java.util.Optional.of(trimmed.length() > 200 ? trimmed.substring(0, 200) : trimmed);
                    }
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static Verdict transport(PuppetRunCompleted result, String what) {
        if (result.outcome() == null || TRANSPORT.contains(result.outcome())) {
            return new Verdict(what + ": " + result.outcome() + reasonSuffix(result));
        }
        return Verdict.pass();
    }

    private static Verdict clean(PuppetRunCompleted result, String what) {
        Verdict transport = transport(result, what);
        if (!transport.ok()) {
            return transport;
        }
        List<String> failed = list(result.failedResources());
        ResourceCounts counts = result.resources();
        int failedCount = counts == null ? 0 : counts.failed() + counts.failedToRestart();
        if (!result.outcome().succeeded() || !failed.isEmpty() || failedCount > 0) {
            StringBuilder reason = new StringBuilder(what).append(": ").append(result.outcome());
            if (!failed.isEmpty()) {
                reason.append(", failed resources: ").append(String.join(", ", failed));
            } else if (failedCount > 0) {
                reason.append(", ").append(failedCount).append(" failed resources");
            }
            return new Verdict(reason + reasonSuffix(result));
        }
        return Verdict.pass();
    }

    private static String reasonSuffix(PuppetRunCompleted result) {
        return result.reason() == null || result.reason().isBlank() ? "" : " (" + result.reason() + ")";
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }
}
