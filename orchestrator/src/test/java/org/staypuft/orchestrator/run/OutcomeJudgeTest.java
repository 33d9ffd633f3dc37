package org.staypuft.orchestrator.run;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.staypuft.events.puppet.AgentServiceReport;
import org.staypuft.events.puppet.PuppetRunCompleted;
import org.staypuft.events.puppet.ResourceCounts;
import org.staypuft.events.puppet.RunOutcome;
import org.staypuft.events.puppet.RunPurpose;
import org.staypuft.orchestrator.run.engine.OutcomeJudge;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeJudgeTest {

    @Test
    void earlierDeployRunsMayFailResourcesTheLastMustBeClean() {
        PuppetRunCompleted failedResources = result(RunOutcome.FAILED, List.of(), List.of("Exec[sync]"), 0);

        assertThat(OutcomeJudge.deploy(failedResources, 1, 3).ok()).isTrue();
        assertThat(OutcomeJudge.deploy(failedResources, 3, 3).reason())
                .isEqualTo("puppet run 3/3: FAILED, failed resources: Exec[sync]");
        assertThat(OutcomeJudge.deploy(result(RunOutcome.CHANGED, List.of("File[x]"), List.of(), 0), 3, 3).ok())
                .isTrue();
    }

    @Test
    void transportFailuresStopTheHostAtOnce() {
        for (RunOutcome outcome : List.of(RunOutcome.UNREACHABLE, RunOutcome.AUTH_FAILED,
                RunOutcome.HOST_KEY_MISMATCH, RunOutcome.TIMEOUT)) {
            assertThat(OutcomeJudge.deploy(result(outcome, List.of(), List.of(), 0), 1, 3).reason())
                    .startsWith("puppet run 1/3: " + outcome);
        }
    }

    @Test
    void enablingTheAgentMayChangeOnlyThePuppetService() {
        assertThat(OutcomeJudge.enableAgent(result(RunOutcome.CHANGED, List.of("Service[puppet]"), List.of(), 0))
                .ok()).isTrue();
        assertThat(OutcomeJudge.enableAgent(result(RunOutcome.UNCHANGED, List.of(), List.of(), 0)).ok()).isTrue();
        assertThat(OutcomeJudge.enableAgent(result(RunOutcome.CHANGED,
                List.of("Service[puppet]", "File[/etc/motd]", "Package[ntp]"), List.of(), 0)).reason())
                .isEqualTo("enable-agent run changed resources other than Service[puppet]: File[/etc/motd], "
                        + "Package[ntp]");
        assertThat(OutcomeJudge.enableAgent(result(RunOutcome.CHANGED, List.of("Service[puppet]"), List.of(), 7))
                .reason()).contains("changed 7 resources");
        assertThat(OutcomeJudge.enableAgent(result(RunOutcome.FAILED, List.of("Service[puppet]"),
                List.of("Service[puppet]"), 0)).ok()).isFalse();
    }

    @Test
    void enablingTheAgentNeedsThePuppetServiceInTheCatalogRunningAndEnabled() {
        assertThat(OutcomeJudge.enableAgent(enable(new AgentServiceReport(true, false, "running", null))).ok())
                .isTrue();
        assertThat(OutcomeJudge.enableAgent(enable(new AgentServiceReport(true, false, null, null))).ok())
                .as("already running and enabled").isTrue();
        assertThat(OutcomeJudge.enableAgent(enable(AgentServiceReport.NOT_MANAGED)).reason())
                .isEqualTo("enable-agent run: the catalog has no Service[puppet] (is puppet_management classified "
                        + "on this host, with service_name 'puppet'?): the agent was not enabled");
        assertThat(OutcomeJudge.enableAgent(enable(new AgentServiceReport(true, false, "stopped", null))).reason())
                .isEqualTo("enable-agent run set Service[puppet] to 'stopped', not running");
        assertThat(OutcomeJudge.enableAgent(enable(new AgentServiceReport(true, false, null, "false"))).reason())
                .isEqualTo("enable-agent run set Service[puppet] enable to 'false', not true");
    }

    private static PuppetRunCompleted enable(AgentServiceReport service) {
        return new PuppetRunCompleted("r", "d", "run", "s", "h", RunPurpose.ENABLE_AGENT, RunOutcome.UNCHANGED, 0,
                null, new ResourceCounts(0, 0, 0, 0, 10), List.of(), List.of(), 10, "", 1, null, "tx", "catalog",
                null, false, null, service);
    }

    private static PuppetRunCompleted result(RunOutcome outcome, List<String> changed, List<String> failed,
            int changedCount) {
        return new PuppetRunCompleted("r", "d", "run", "s", "h", RunPurpose.DEPLOY, outcome, 0, null,
                new ResourceCounts(Math.max(changedCount, changed.size()), failed.size(), 0, 0, 10), changed, failed,
                10, "", 1);
    }
}
