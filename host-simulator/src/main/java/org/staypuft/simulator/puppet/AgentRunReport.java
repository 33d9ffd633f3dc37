package org.staypuft.simulator.puppet;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One finished run of the fake agent: what {@code last_run_summary.yaml} and {@code last_run_report.yaml} describe.
 *
 * @param configurationVersion the catalog version, seconds since the epoch like puppet's default
 * @param jobId what {@code --job_id} said, or null (then the report has no {@code job_id}, as with real puppet)
 */
public record AgentRunReport(String certname, String environment, long configurationVersion, String transactionUuid,
        OffsetDateTime startedAt, Duration duration, List<ResourceOutcome> outcomes, String jobId) {

    public AgentRunReport(String certname, String environment, long configurationVersion, String transactionUuid,
            OffsetDateTime startedAt, Duration duration, List<ResourceOutcome> outcomes) {
        this(certname, environment, configurationVersion, transactionUuid, startedAt, duration, outcomes, null);
    }

    public long changed() {
        return outcomes.stream().filter(ResourceOutcome::changed).count();
    }

    public long failed() {
        return outcomes.stream().filter(ResourceOutcome::failed).count();
    }

    public long outOfSync() {
        return changed() + failed();
    }

    /** Puppet's report status: {@code failed}, {@code changed} or {@code unchanged}. */
    public String status() {
        return failed() > 0 ? "failed" : changed() > 0 ? "changed" : "unchanged";
    }

    /** The {@code --detailed-exitcodes} status: 2 for changes, 4 for failures, 6 for both, else 0. */
    public int detailedExitCode() {
        return (changed() > 0 ? 2 : 0) | (failed() > 0 ? 4 : 0);
    }
}
