package org.staypuft.runner.puppet;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.staypuft.events.puppet.AgentServiceReport;
import org.staypuft.events.puppet.ResourceCounts;
import org.yaml.snakeyaml.LoaderOptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads puppet's {@code last_run_summary.yaml} and {@code last_run_report.yaml}. The report is a serialised Ruby
 * object ({@code --- !ruby/object:Puppet::Transaction::Report}, and older agents tag nested values too): the parser
 * reads it as plain YAML and ignores every tag, so no Ruby type ever needs to be known.
 */
public final class PuppetReports {

    /** The event carries at most this many titles of each kind. */
    public static final int MAX_TITLES = 50;
    private static final int MAX_TITLE_LENGTH = 256;

    private PuppetReports() {
    }

    /** A mapper for YAML documents up to {@code maxBytes}; tags are ignored, aliases limited (billion laughs). */
    public static ObjectMapper yamlMapper(int maxBytes) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Math.max(maxBytes, 1024));
        options.setMaxAliasesForCollections(50);
        options.setAllowDuplicateKeys(true);
        return new YAMLMapper(YAMLFactory.builder().loaderOptions(options).build());
    }

    /** The resource counts of a summary. */
    public static ResourceCounts summary(ObjectMapper yaml, String summaryYaml) throws IOException {
        JsonNode resources = yaml.readTree(summaryYaml).path("resources");
        if (!resources.isObject()) {
            throw new IOException("The summary has no resources section");
        }
        return new ResourceCounts(resources.path("changed").asInt(), resources.path("failed").asInt(),
                resources.path("failed_to_restart").asInt(), resources.path("out_of_sync").asInt(),
                resources.path("total").asInt());
    }

    /** Titles of the changed and failed resources of a report. */
    public record ResourceTitles(List<String> changed, List<String> failed) {
    }

    public static ResourceTitles resourceTitles(ObjectMapper yaml, String reportYaml) throws IOException {
        JsonNode statuses = yaml.readTree(reportYaml).path("resource_statuses");
        List<String> changed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = statuses.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode status = entry.getValue();
            String title = title(status.path("resource").asText(entry.getKey()));
            if (status.path("failed").asBoolean() || status.path("failed_to_restart").asBoolean()) {
                add(failed, title);
            } else if (status.path("changed").asBoolean()) {
                add(changed, title);
            }
        }
        return new ResourceTitles(changed, failed);
    }

    /**
     * The fields of a report that make it a run's receipt, and what it says of {@code serviceTitle}.
     *
     * @param time when the run started, by the host's clock; null when the report has none
     */
    public record Receipt(String jobId, OffsetDateTime time, boolean transactionCompleted,
            String cachedCatalogStatus, String transactionUuid, String catalogUuid, String codeId,
            Boolean correctiveChange, AgentServiceReport service) {

        /**
         * Why this report is not the receipt of the run with job id {@code jobId} requested at {@code requestedAt}
         * (allowing {@code clockSkew} between the runner's and the host's clocks); null when it is.
         */
        public String problemFor(String jobId, Instant requestedAt, Duration clockSkew) {
            if (this.jobId == null || !this.jobId.equals(jobId)) {
                return "the agent's last report is not this run's (job_id " + (this.jobId == null
                        ? "absent"
                        : "'"
                                + shorten(this.jobId) + "'")
                        + ", expected '" + jobId + "')";
            }
            if (!transactionCompleted) {
                return "the run's transaction did not complete (transaction_completed is not true)";
            }
            if (!"not_used".equals(cachedCatalogStatus)) {
                return "the agent applied a cached catalog (cached_catalog_status: " + cachedCatalogStatus
                        + "): the server compiled no catalog for this run";
            }
            if (time == null || time.toInstant().isBefore(requestedAt.minus(clockSkew))) {
                return "the report (" + time + ") is older than the request (" + requestedAt + ")";
            }
            return null;
        }
    }

    public static Receipt receipt(ObjectMapper yaml, String reportYaml, String serviceTitle) throws IOException {
        JsonNode report = yaml.readTree(reportYaml);
        OffsetDateTime time = null;
        if (report.hasNonNull("time")) {
            try {
                time = OffsetDateTime.parse(report.path("time").asText());
            } catch (DateTimeParseException e) {
                time = null;
            }
        }
        JsonNode status = report.path("resource_statuses").path(serviceTitle);
        AgentServiceReport service = AgentServiceReport.NOT_MANAGED;
        if (status.isObject()) {
            String ensure = null;
            String enable = null;
            for (JsonNode event : status.path("events")) {
                if (!"success".equals(event.path("status").asText())) {
                    continue;
                }
                if ("ensure".equals(event.path("property").asText())) {
                    ensure = event.path("desired_value").asText();
                } else if ("enable".equals(event.path("property").asText())) {
                    enable = event.path("desired_value").asText();
                }
            }
            service = new AgentServiceReport(true, status.path("failed").asBoolean(), ensure, enable);
        }
        return new Receipt(text(report, "job_id"), time, report.path("transaction_completed").asBoolean(false),
                text(report, "cached_catalog_status"), text(report, "transaction_uuid"), text(report,
                        "catalog_uuid"),
                text(report, "code_id"), report.hasNonNull("corrective_change")
                        ? report.path("corrective_change").asBoolean()
                        : null,
                service);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? title(node.path(field).asText()) : null;
    }

    private static String shorten(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "..." : value;
    }

    /** {@code puppet config print a b} prints {@code a = value} lines; a single setting prints its bare value. */
    public static Map<String, String> settings(String output, List<String> asked) {
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> lines = output.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
        for (String line : lines) {
            int equals = line.indexOf(" = ");
            if (equals > 0) {
                settings.put(line.substring(0, equals).trim(), line.substring(equals + 3).trim());
            }
        }
        if (settings.isEmpty() && asked.size() == 1 && lines.size() == 1) {
            settings.put(asked.get(0), lines.get(0));
        }
        return settings;
    }

    private static void add(List<String> titles, String title) {
        if (titles.size() < MAX_TITLES) {
            titles.add(title);
        }
    }

    private static String title(String title) {
        return title.length() > MAX_TITLE_LENGTH ? title.substring(0, MAX_TITLE_LENGTH) + "..." : title;
    }
}
