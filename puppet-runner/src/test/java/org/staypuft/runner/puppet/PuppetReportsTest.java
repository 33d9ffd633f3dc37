package org.staypuft.runner.puppet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.staypuft.events.puppet.AgentServiceReport;
import org.staypuft.events.puppet.ResourceCounts;
import org.staypuft.simulator.puppet.AgentRunReport;
import org.staypuft.simulator.puppet.CatalogResource;
import org.staypuft.simulator.puppet.PuppetReportWriter;
import org.staypuft.simulator.puppet.ResourceOutcome;

import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading summaries and reports written by a real puppet 7 (see src/test/resources/puppet-reports/README.md). */
class PuppetReportsTest {

    private final ObjectMapper yaml = PuppetReports.yamlMapper(8 * 1024 * 1024);

    private static String sample(String path) throws IOException {
        try (InputStream in = PuppetReportsTest.class.getResourceAsStream("/puppet-reports/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void summaryOfARealRunWithChanges() throws IOException {
        assertThat(PuppetReports.summary(yaml, sample("changes/last_run_summary.yaml")))
                .isEqualTo(new ResourceCounts(4, 0, 0, 4, 11));
    }

    @Test
    void reportOfARealRunWithChangesIsReadDespiteItsRubyTag() throws IOException {
        String report = sample("changes/last_run_report.yaml");
        assertThat(report).startsWith("--- !ruby/object:Puppet::Transaction::Report");

        PuppetReports.ResourceTitles titles = PuppetReports.resourceTitles(yaml, report);

        assertThat(titles.changed()).containsExactlyInAnyOrder("File[/tmp/staypuft-samples/work/motd]",
                "File[/tmp/staypuft-samples/work/etc]", "Exec[touch-marker]", "Notify[staypuft]");
        assertThat(titles.failed()).isEmpty();
    }

    @Test
    void summaryAndReportOfARealRunWithAFailingResource() throws IOException {
        assertThat(PuppetReports.summary(yaml, sample("failing/last_run_summary.yaml")))
                .isEqualTo(new ResourceCounts(1, 1, 0, 2, 10));

        PuppetReports.ResourceTitles titles = PuppetReports.resourceTitles(yaml,
                sample("failing/last_run_report.yaml"));

        assertThat(titles.failed()).containsExactly("Exec[failing-command]");
        assertThat(titles.changed()).containsExactly("File[/tmp/staypuft-samples/work/motd]");
    }

    @Test
    void olderReportsWithRubyTagsOnEveryValueAreReadToo() throws IOException {
        // Puppet 3 serialised nested objects and symbols with their own tags.
        String puppet3 = """
                --- !ruby/object:Puppet::Transaction::Report
                  host: compute-1.example.com
                  status: changed
                  resource_statuses:
                    "Service[puppet]": !ruby/object:Puppet::Resource::Status
                      resource: "Service[puppet]"
                      changed: true
                      failed: false
                      events:
                        - !ruby/object:Puppet::Transaction::Event
                          property: ensure
                          status: success
                          previous_value: !ruby/sym stopped
                    "File[/etc/motd]": !ruby/object:Puppet::Resource::Status
                      resource: "File[/etc/motd]"
                      changed: false
                      failed: true
                """;

        PuppetReports.ResourceTitles titles = PuppetReports.resourceTitles(yaml, puppet3);

        assertThat(titles.changed()).containsExactly("Service[puppet]");
        assertThat(titles.failed()).containsExactly("File[/etc/motd]");
    }

    @Test
    void theSimulatorWritesReportsThisParserReadsLikeRealOnes() throws IOException {
        CatalogResource service = new CatalogResource("Service", "puppet", "Foreman::Puppet::Agent::Service");
        CatalogResource config = new CatalogResource("File", "/etc/nova/nova.conf", "Role::Compute");
        AgentRunReport run = new AgentRunReport("compute-1", "production", 1_700_000_000L, "uuid",
                OffsetDateTime.parse("2026-11-24T10:00:00Z"), Duration.ofMillis(1500), List.of(
                        ResourceOutcome.serviceState(service, true), ResourceOutcome.failure(config)));

        assertThat(PuppetReports.summary(yaml, PuppetReportWriter.summary(run)))
                .isEqualTo(new ResourceCounts(1, 1, 0, 2, 2));
        PuppetReports.ResourceTitles titles = PuppetReports.resourceTitles(yaml, PuppetReportWriter.report(run));
        assertThat(titles.changed()).containsExactly("Service[puppet]");
        assertThat(titles.failed()).containsExactly("File[/etc/nova/nova.conf]");
    }

    @Test
    void aReportIsThisRunsReceiptOnlyWithItsJobIdACompletedTransactionAFreshCatalogAndAfterTheRequest()
            throws IOException {
        // Debian's puppet 7 (apply, so without job_id) stopping the puppet service with the debian provider.
        String real = sample("agent-run/last_run_report.yaml");
        PuppetReports.Receipt apply = PuppetReports.receipt(yaml, real, "Service[puppet]");
        assertThat(apply.jobId()).isNull();
        assertThat(apply.transactionCompleted()).isTrue();
        assertThat(apply.cachedCatalogStatus()).isEqualTo("not_used");
        assertThat(apply.transactionUuid()).isEqualTo("b784aa9a-62c9-4488-86b0-fb08ccb68681");
        assertThat(apply.catalogUuid()).isEqualTo("31de5b69-6f51-46f9-99bb-fda3abd82824");
        assertThat(apply.service()).isEqualTo(new AgentServiceReport(true, false, "stopped", null));
        Instant requested = Instant.parse("2026-12-03T07:43:20Z");
        assertThat(apply.problemFor("run/host/deploy-1/1", requested, Duration.ofSeconds(60)))
                .isEqualTo("the agent's last report is not this run's (job_id absent, expected 'run/host/deploy-1/1')");

        String ours = real.replace("cached_catalog_status: not_used", "job_id: run/host/deploy-1/1\n"
                + "cached_catalog_status: not_used");
        PuppetReports.Receipt receipt = PuppetReports.receipt(yaml, ours, "Service[puppet]");
        assertThat(receipt.problemFor("run/host/deploy-1/1", requested, Duration.ofSeconds(60))).isNull();
        assertThat(receipt.problemFor("run/host/deploy-1/2", requested, Duration.ofSeconds(60)))
                .contains("job_id 'run/host/deploy-1/1', expected 'run/host/deploy-1/2'");
        assertThat(receipt.problemFor("run/host/deploy-1/1", requested.plusSeconds(600), Duration.ofSeconds(60)))
                .startsWith("the report (2026-12-03T07:43:24.507813206Z) is older than the request");
        assertThat(PuppetReports.receipt(yaml, ours.replace("cached_catalog_status: not_used",
                "cached_catalog_status: on_failure"), "Service[puppet]")
                .problemFor("run/host/deploy-1/1", requested, Duration.ofSeconds(60)))
                .isEqualTo("the agent applied a cached catalog (cached_catalog_status: on_failure): the server "
                        + "compiled no catalog for this run");
        assertThat(PuppetReports.receipt(yaml, ours.replace("transaction_completed: true",
                "transaction_completed: false"), "Service[puppet]")
                .problemFor("run/host/deploy-1/1", requested, Duration.ofSeconds(60)))
                .startsWith("the run's transaction did not complete");
        assertThat(PuppetReports.receipt(yaml, ours, "Service[absent]").service())
                .isEqualTo(AgentServiceReport.NOT_MANAGED);
    }

    @Test
    void aSummaryWithoutResourcesIsAnError() {
        assertThatThrownBy(() -> PuppetReports.summary(yaml, "--- {}\n")).hasMessageContaining("no resources");
    }

    @Test
    void configPrintOutputNamesTheFiles() {
        assertThat(PuppetReports.settings("""
                lastrunfile = /opt/puppetlabs/puppet/public/last_run_summary.yaml
                lastrunreport = /opt/puppetlabs/puppet/cache/state/last_run_report.yaml
                """, List.of("lastrunfile", "lastrunreport")))
                .containsEntry("lastrunfile", "/opt/puppetlabs/puppet/public/last_run_summary.yaml")
                .containsEntry("lastrunreport", "/opt/puppetlabs/puppet/cache/state/last_run_report.yaml");
        assertThat(PuppetReports.settings("/var/lib/puppet/state/last_run_summary.yaml\n", List.of("lastrunfile")))
                .containsEntry("lastrunfile", "/var/lib/puppet/state/last_run_summary.yaml");
    }
}
