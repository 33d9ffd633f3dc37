package org.staypuft.simulator.puppet;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a run the way puppet 7 does: {@code last_run_summary.yaml}, {@code last_run_report.yaml} (with its Ruby
 * object tag) and the console output of {@code puppet agent}. The layout follows files produced by a real
 * {@code puppet apply} (see puppet-runner's test resources), trimmed to what a reader of reports relies on.
 */
public final class PuppetReportWriter {

    public static final String PUPPET_VERSION = "7.23.0";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnnxxx");

    private PuppetReportWriter() {
    }

    public static String summary(AgentRunReport run) {
        double seconds = run.duration().toNanos() / 1e9;
        long successes = run.changed();
        long failures = run.failed();
        return """
                ---
                version:
                  config: %d
                  puppet: %s
                application:
                  run_mode: agent
                  initial_environment: %s
                  converged_environment: %s
                resources:
                  changed: %d
                  corrective_change: 0
                  failed: %d
                  failed_to_restart: 0
                  out_of_sync: %d
                  restarted: 0
                  scheduled: 0
                  skipped: 0
                  total: %d
                time:
                  catalog_application: %s
                  config_retrieval: 0.0
                  total: %s
                  last_run: %d
                changes:
                  total: %d
                events:
                  failure: %d
                  success: %d
                  total: %d
                """.formatted(run.configurationVersion(), PUPPET_VERSION, run.environment(), run.environment(),
                run.changed(), run.failed(), run.outOfSync(), run.outcomes().size(), number(seconds), number(seconds),
                run.startedAt().plus(run.duration()).toEpochSecond(), run.changed(), failures, successes,
                failures + successes);
    }

    public static String report(AgentRunReport run) {
        StringBuilder yaml = new StringBuilder(4096);
        String time = quoted(TIME.format(run.startedAt()));
        yaml.append("--- !ruby/object:Puppet::Transaction::Report\n")
                .append("host: ").append(quoted(run.certname())).append('\n')
                .append("time: ").append(time).append('\n')
                .append("configuration_version: ").append(run.configurationVersion()).append('\n')
                .append("transaction_uuid: ").append(run.transactionUuid()).append('\n')
                .append("report_format: 12\n")
                .append("puppet_version: ").append(PUPPET_VERSION).append('\n')
                .append("status: ").append(run.status()).append('\n')
                .append("transaction_completed: true\n")
                .append("noop: false\n")
                .append("noop_pending: false\n")
                .append("environment: ").append(run.environment()).append('\n');
        yaml.append("logs:\n");
        for (ResourceOutcome outcome : run.outcomes()) {
            if (outcome.kind() == ResourceOutcome.Kind.UNCHANGED) {
                continue;
            }
            yaml.append("- level: ").append(outcome.failed() ? "err" : "notice").append('\n')
                    .append("  message: ").append(quoted(outcome.message())).append('\n')
                    .append("  source: ").append(quoted(outcome.resource().path() + "/" + outcome.property()))
                    .append('\n')
                    .append("  tags:\n  - ").append(outcome.failed() ? "err" : "notice").append('\n')
                    .append("  - ").append(outcome.resource().type().toLowerCase(Locale.ROOT)).append('\n')
                    .append("  time: ").append(time).append('\n');
        }
        yaml.append("metrics:\n");
        metric(yaml, "resources", "Resources", List.of(
                new String[]{"total", "Total", String.valueOf(run.outcomes().size())},
                new String[]{"skipped", "Skipped", "0"},
                new String[]{"failed", "Failed", String.valueOf(run.failed())},
                new String[]{"failed_to_restart", "Failed to restart", "0"},
                new String[]{"restarted", "Restarted", "0"},
                new String[]{"changed", "Changed", String.valueOf(run.changed())},
                new String[]{"out_of_sync", "Out of sync", String.valueOf(run.outOfSync())},
                new String[]{"scheduled", "Scheduled", "0"},
                new String[]{"corrective_change", "Corrective change", "0"}));
        metric(yaml, "time", "Time", List.<String[]>of(
                new String[]{"total", "Total", number(run.duration().toNanos() / 1e9)}));
        metric(yaml, "changes", "Changes", List.<String[]>of(
                new String[]{"total", "Total", String.valueOf(run.changed())}));
        metric(yaml, "events", "Events", List.of(
                new String[]{"total", "Total", String.valueOf(run.outOfSync())},
                new String[]{"failure", "Failure", String.valueOf(run.failed())},
                new String[]{"success", "Success", String.valueOf(run.changed())}));
        yaml.append("resource_statuses:\n");
        for (ResourceOutcome outcome : run.outcomes()) {
            resourceStatus(yaml, outcome, time);
        }
        yaml.append("corrective_change: false\n")
                .append("catalog_uuid: ").append(run.transactionUuid()).append('\n')
                .append("cached_catalog_status: not_used\n");
        if (run.jobId() != null) {
            yaml.append("job_id: ").append(quoted(run.jobId())).append('\n');
        }
        return yaml.toString();
    }

    /** The agent's console lines for a run, stdout first, errors as separate lines. */
    public static List<String> consoleLines(AgentRunReport run) {
        List<String> lines = new ArrayList<>();
        lines.add("Info: Using environment '" + run.environment() + "'");
        lines.add("Info: Retrieving pluginfacts");
        lines.add("Info: Retrieving plugin");
        lines.add("Info: Loading facts");
        lines.add("Info: Caching catalog for " + run.certname());
        lines.add("Info: Applying configuration version '" + run.configurationVersion() + "'");
        for (ResourceOutcome outcome : run.outcomes()) {
            if (outcome.changed()) {
                lines.add("Notice: " + outcome.resource().path() + "/" + outcome.property() + ": "
                        + outcome.message());
            } else if (outcome.failed()) {
                lines.add("Error: " + outcome.resource().path() + "/" + outcome.property() + ": "
                        + outcome.message());
            }
        }
        lines.add("Notice: Applied catalog in " + String.format(Locale.ROOT, "%.2f",
                run.duration().toNanos() / 1e9) + " seconds");
        return lines;
    }

    private static void metric(StringBuilder yaml, String name, String label, List<String[]> values) {
        yaml.append("  ").append(name).append(":\n")
                .append("    name: ").append(name).append('\n')
                .append("    label: ").append(label).append('\n')
                .append("    values:\n");
        for (String[] value : values) {
            yaml.append("    - - ").append(value[0]).append('\n')
                    .append("      - ").append(value[1]).append('\n')
                    .append("      - ").append(value[2]).append('\n');
        }
    }

    private static void resourceStatus(StringBuilder yaml, ResourceOutcome outcome, String time) {
        CatalogResource resource = outcome.resource();
        yaml.append("  ").append(quoted(resource.ref())).append(":\n")
                .append("    title: ").append(quoted(resource.title())).append('\n')
                .append("    resource: ").append(quoted(resource.ref())).append('\n')
                .append("    resource_type: ").append(resource.type()).append('\n')
                .append("    containment_path:\n")
                .append("    - Stage[main]\n")
                .append("    - ").append(quoted(resource.containingClass())).append('\n')
                .append("    - ").append(quoted(resource.ref())).append('\n')
                .append("    time: ").append(time).append('\n')
                .append("    failed: ").append(outcome.failed()).append('\n')
                .append("    failed_to_restart: false\n")
                .append("    changed: ").append(outcome.changed()).append('\n')
                .append("    out_of_sync: ").append(outcome.changed() || outcome.failed()).append('\n')
                .append("    skipped: false\n")
                .append("    change_count: ").append(outcome.changed() ? 1 : 0).append('\n')
                .append("    out_of_sync_count: ").append(outcome.changed() || outcome.failed() ? 1 : 0).append('\n');
        if (outcome.kind() == ResourceOutcome.Kind.UNCHANGED) {
            yaml.append("    events: []\n");
        } else {
            yaml.append("    events:\n")
                    .append("    - audited: false\n")
                    .append("      property: ").append(outcome.property()).append('\n')
                    .append("      previous_value: ").append(quoted(outcome.previousValue())).append('\n')
                    .append("      desired_value: ").append(quoted(outcome.desiredValue())).append('\n')
                    .append("      message: ").append(quoted(outcome.message())).append('\n')
                    .append("      name: ").append(outcome.property()).append("_changed\n")
                    .append("      status: ").append(outcome.failed() ? "failure" : "success").append('\n')
                    .append("      time: ").append(time).append('\n')
                    .append("      corrective_change: false\n");
        }
        yaml.append("    corrective_change: false\n");
    }

    /** A double-quoted YAML scalar; titles contain colons, brackets and slashes. */
    static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }
}
