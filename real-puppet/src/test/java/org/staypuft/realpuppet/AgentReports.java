package org.staypuft.realpuppet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The reports the real agents sent the server, as it forwarded them ({@link ReportInbox}), read as plain YAML (the
 * Ruby tags are ignored): what each agent itself says it did, with its own clock.
 */
final class AgentReports {

    private static final YAMLMapper YAML = new YAMLMapper();

    /** One report. {@code end} is the time of its last log line ("Applied catalog in ..."). */
    record Report(String certname, String jobId, String environment, String status, OffsetDateTime start,
            OffsetDateTime end, boolean transactionCompleted, String cachedCatalogStatus, String catalogUuid,
            String transactionUuid, JsonNode document) {

        /** Whether the catalog managed {@code resource} (e.g. {@code File[/root/x]}). */
        boolean manages(String resource) {
            return document.path("resource_statuses").has(resource);
        }

        boolean changed(String resource) {
            return document.path("resource_statuses").path(resource).path("changed").asBoolean();
        }

        /** The {@code notice} messages of the run: what changed, as the agent logged it. */
        List<String> notices() {
            List<String> notices = new ArrayList<>();
            document.path("logs").forEach(log -> {
                if (log.path("level").asText().equals("notice")) {
                    notices.add(log.path("source").asText() + ": " + log.path("message").asText());
                }
            });
            return notices;
        }
    }

    /** The reports of {@code certname} the server forwarded, ordered by their start. */
    static List<Report> of(ReportInbox inbox, String certname) {
        return inbox.reports().stream().map(AgentReports::read).filter(report -> certname.equals(report.certname()))
                .sorted(Comparator.comparing(Report::start)).toList();
    }

    private static Report read(String yaml) {
        try {
            JsonNode report = YAML.readTree(yaml);
            OffsetDateTime start = OffsetDateTime.parse(report.path("time").asText());
            OffsetDateTime end = start;
            for (JsonNode log : report.path("logs")) {
                if (log.hasNonNull("time")) {
                    OffsetDateTime time = OffsetDateTime.parse(log.path("time").asText());
                    end = time.isAfter(end) ? time : end;
                }
            }
            return new Report(report.path("host").asText(), text(report, "job_id"), text(report, "environment"),
                    text(report, "status"), start, end, report.path("transaction_completed").asBoolean(),
                    text(report, "cached_catalog_status"), text(report, "catalog_uuid"),
                    text(report, "transaction_uuid"), report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.path(field).asText() : null;
    }

    private AgentReports() {
    }
}
