package org.staypuft.cli.watch;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.staypuft.cli.Output;
import org.staypuft.cli.text.Ansi;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What the watcher says a role is doing (issue 18), and a summary that agrees with its failed hosts. */
class RunProgressTest {

    private final RunProgress run = new RunProgress("run-1");

    @Test
    void aWaitingRoleWhoseHostsPrepareSaysBothAndItsDependencyReadyChangesItsLine() throws Exception {
        run.applyRole(json("{\"name\":\"controller\",\"status\":\"RUNNING\",\"dependsOn\":[],\"hosts\":1}"));
        run.applyRole(json("{\"name\":\"compute\",\"status\":\"WAITING\",\"dependsOn\":[\"controller\"],\"hosts\":2}"));
        run.applyHost(host("h1", "compute", "PREPARE", "RUNNING"));
        Changes second = run.applyHost(host("h2", "compute", "PREPARE", "RUNNING"));

        assertThat(second.roles()).singleElement().extracting(RoleProgress.Line::doing)
                .isEqualTo("WAITING for controller, preparing 2 hosts");

        run.applyHost(host("h1", "compute", "PREPARE", "SUCCEEDED"));
        Changes ready = run.applyRole(json("{\"name\":\"controller\",\"status\":\"READY\",\"hosts\":1}"));

        assertThat(ready.roles()).extracting(RoleProgress.Line::name).containsExactlyInAnyOrder("controller",
                "compute");
        assertThat(line("compute").doing()).isEqualTo("WAITING, preparing 1 host");
    }

    @Test
    void aReadyRoleWhoseHostsReEnableTheirAgentSaysSo() throws Exception {
        run.applyRole(json("{\"name\":\"database\",\"status\":\"READY\",\"dependsOn\":[],\"hosts\":3}"));
        run.applyHost(host("h1", "database", "ENABLE_AGENT", "RUNNING"));
        run.applyHost(host("h2", "database", "ENABLE_AGENT", "RUNNING"));
        run.applyHost(host("h3", "database", "DONE", "SUCCEEDED"));

        assertThat(line("database").doing()).isEqualTo("READY, re-enabling the agent on 2 hosts");
        assertThat(line("database").done()).isEqualTo(3);
    }

    @Test
    void theRoleTableCountsAHostThatFailedAfterItsRoleWasReady() throws Exception {
        run.applyDetail(json("{\"run\":{\"status\":\"FAILED\",\"deploymentName\":\"demo\"},\"roles\":[{\"name\":"
                + "\"compute\",\"status\":\"READY\",\"hosts\":2,\"succeeded\":2,\"failed\":0}]}"));
        Failure enableFailed = Failure.of(json("{\"hostId\":\"h1\",\"role\":\"compute\",\"phase\":\"ENABLE_AGENT\","
                + "\"failedPhase\":\"ENABLE_AGENT\",\"status\":\"FAILED\",\"reason\":\"File[/etc/motd] changed\"}"));

        List<String> table = new RunReport(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), new Ansi(false))
                .roleTable(run, List.of(enableFailed));

        assertThat(table.get(0)).contains("FAILED");
        assertThat(table.get(1).split("\\s+")).containsSubsequence("compute", "READY", "2/2", "0", "1");
    }

    private RoleProgress.Line line(String role) {
        return run.roles().stream().filter(line -> line.name().equals(role)).findFirst().orElseThrow();
    }

    private static JsonNode host(String id, String role, String phase, String status) throws Exception {
        return json("{\"hostId\":\"" + id + "\",\"role\":\"" + role + "\",\"phase\":\"" + phase + "\",\"status\":\""
                + status + "\",\"attempt\":1}");
    }

    private static JsonNode json(String text) throws Exception {
        return Output.JSON.readTree(text);
    }
}
