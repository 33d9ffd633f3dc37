package org.staypuft.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy --watch} and {@code runs watch} against a run's event stream (as the orchestrator sends it: run, role
 * and host events with ids), its reconnection, and the fallback to polling.
 */
class WatchTest {

    static final String DEMO_ID = DeploymentsTest.DEMO_ID;
    static final String RUN = "5f0c2a7e-3b1d-4c55-9a1e-0d2b7c9e4f11";
    static final String RUN_PATH = "/api/v1/runs/" + RUN;
    static final String NO_HOSTS = "{\"total\":0,\"page\":0,\"size\":500,\"hosts\":[]}";
    static final String FAILURE_REASON = "puppet run 1 of 1 failed: 2 resources failed: Service[nova-compute], "
            + "Exec[register-compute]";

    @TempDir
    Path directory;

    ApiServer server;

    @BeforeEach
    void serveDeployments() {
        server = ApiServer.start().json("GET", "/api/v1/deployments", 200, CliRun.resource("deployments.json"))
                .json("POST", "/api/v1/deployments/" + DEMO_ID + "/runs", 201, CliRun.resource("run-started.json"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aCompletedRunIsFollowedRoleByRoleAndExitsZero() {
        server.events(RUN_PATH + "/events", CliRun.resource("run-events-completed.sse"))
                .json("GET", RUN_PATH, 200, CliRun.resource("run-completed.json"))
                .json("GET", RUN_PATH + "/hosts", 200, NO_HOSTS);

        CliRun.Result result = new CliRun(directory).against(server, "deploy", "demo", "--watch");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains(
                "[10:05:00] Run " + RUN + " of demo: RUNNING, started 2026-03-02 10:00:00 by alice",
                "database: WAITING, 0/2 done, 0 running, 0 failed", "database: RUNNING,",
                "database: READY, 2/2 done, 0 running, 0 failed", "network: READY, 1/1 done",
                "controller: READY, 3/3 done", "compute: READY, 4/4 done, 0 running, 0 failed",
                "Run " + RUN + " of demo: RUNNING (re-enabling puppet agents)",
                "Run " + RUN + " of demo: COMPLETED in 2m 41s");
        assertThat(result.out()).doesNotContain("\u001B[", "Failed hosts");
        assertThat(result.err()).contains("Started run " + RUN + " of demo.");
        assertThat(server.requests("GET", RUN_PATH + "/events").get(0).header("Last-Event-ID")).isNull();
    }

    /** Issue 11: hosts waiting for a part of Staypuft are said once per part, and when the wait is over. */
    @Test
    void hostsWaitingForAPartAreAnnouncedOnceAndWhenTheWaitIsOver() {
        String events = CliRun.resource("run-events-completed.sse");
        String waiting = "{\"hostId\":\"%s\",\"role\":\"database\",\"route\":\"PREPARE_RUN\",\"phase\":\"PREPARE\","
                + "\"status\":\"RUNNING\",\"attempt\":1,\"deployRunsDone\":0,\"requestId\":null,"
                + "\"awaitingConfiguration\":\"PRODUCTION\",\"waitingFor\":%s,\"waitingSince\":%s}";
        String part = "host-registry (to confirm the production environment)";
        String block = "id: 5001\nevent: host\ndata: " + String.format(waiting, "mac525400000011", "\"" + part + "\"",
                "\"2026-03-02T10:00:05Z\"") + "\n\n"
                + "id: 5002\nevent: host\ndata: " + String.format(waiting, "mac525400000012", "\"" + part + "\"",
                        "\"2026-03-02T10:00:06Z\"")
                + "\n\n"
                + "id: 5003\nevent: host\ndata: " + String.format(waiting, "mac525400000011", "null", "null") + "\n\n"
                + "id: 5004\nevent: host\ndata: " + String.format(waiting, "mac525400000012", "null", "null") + "\n\n";
        int at = events.indexOf("\n\n", events.indexOf("event: host")) + 2;
        server.events(RUN_PATH + "/events", events.substring(0, at) + block + events.substring(at))
                .json("GET", RUN_PATH, 200, CliRun.resource("run-completed.json"))
                .json("GET", RUN_PATH + "/hosts", 200, NO_HOSTS);

        CliRun.Result result = new CliRun(directory).against(server, "deploy", "demo", "--watch");

        assertThat(result.exitCode()).isZero();
        String all = result.out() + result.err();
        assertThat(all).contains("waiting for " + part + " since 2026-03-02T10:00:05Z",
                "no longer waiting for " + part);
        assertThat(all.split(java.util.regex.Pattern.quote("waiting for " + part + " since"), -1)).hasSize(2); // once
    }

    @Test
    void aFailedRunShowsItsFailuresAsTheyHappenAndInTheSummaryAndExitsOne() {
        server.events(RUN_PATH + "/events", CliRun.resource("run-events-failed.sse"))
                .json("GET", RUN_PATH, 200, CliRun.resource("run-failed.json"))
                .json("GET", RUN_PATH + "/hosts", 200, CliRun.resource("run-hosts-failed.json"));

        CliRun.Result result = new CliRun(directory).against(server, "deploy", "demo", "--watch");

        assertThat(result.exitCode()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(result.out()).contains(
                "FAILED host mac525400000033 (compute, DEPLOY): " + FAILURE_REASON,
                "compute: FAILED, 3/4 done, 0 running, 1 failed",
                "Run " + RUN + " of demo: FAILED after 2m 11s: roles failed: compute; agents stay disabled",
                "Failed hosts (1):", "mac525400000033  compute  DEPLOY  " + FAILURE_REASON,
                "Fix the cause, then: staypuft runs retry-failed " + RUN);
        ApiServer.Request failedHosts = server.requests("GET", RUN_PATH + "/hosts").get(0);
        assertThat(failedHosts.query()).isEqualTo("status=FAILED&page=0&size=500");
    }

    @Test
    void inJsonModeEveryLineIsAJsonEventEndingWithTheResult() throws Exception {
        server.events(RUN_PATH + "/events", CliRun.resource("run-events-failed.sse"))
                .json("GET", RUN_PATH, 200, CliRun.resource("run-failed.json"))
                .json("GET", RUN_PATH + "/hosts", 200, CliRun.resource("run-hosts-failed.json"));

        CliRun.Result result = new CliRun(directory).against(server, "deploy", "demo", "--watch", "--output",
                "json");

        assertThat(result.exitCode()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(result.err()).isEmpty();
        List<JsonNode> events = new ArrayList<>();
        for (String line : result.out().split("\\R")) {
            events.add(Output.JSON.readTree(line));
        }
        assertThat(events).extracting(event -> event.path("event").asText()).contains("run", "role", "failure")
                .last().isEqualTo("result");
        assertThat(events).filteredOn(event -> event.path("event").asText().equals("failure")).singleElement()
                .satisfies(failure -> {
                    assertThat(failure.path("hostId").asText()).isEqualTo("mac525400000033");
                    assertThat(failure.path("role").asText()).isEqualTo("compute");
                    assertThat(failure.path("phase").asText()).isEqualTo("DEPLOY");
                    assertThat(failure.path("reason").asText()).isEqualTo(FAILURE_REASON);
                });
        JsonNode outcome = events.get(events.size() - 1);
        assertThat(outcome.path("status").asText()).isEqualTo("FAILED");
        assertThat(outcome.path("exitCode").asInt()).isEqualTo(1);
        assertThat(outcome.path("failures").get(0).path("hostId").asText()).isEqualTo("mac525400000033");
        assertThat(outcome.path("roles")).hasSize(4);
    }

    @Test
    void onATerminalTheBarsAreRedrawnInPlaceAndFitItsWidth() {
        server.events(RUN_PATH + "/events", CliRun.resource("run-events-failed.sse"))
                .json("GET", RUN_PATH, 200, CliRun.resource("run-failed.json"))
                .json("GET", RUN_PATH + "/hosts", 200, CliRun.resource("run-hosts-failed.json"));

        CliRun.Result wide = new CliRun(directory).terminal(120).against(server, "deploy", "demo", "--watch");
        CliRun.Result narrow = new CliRun(directory).terminal(60).against(server, "deploy", "demo", "--watch");

        assertThat(wide.exitCode()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(wide.out()).contains("\r\u001B[5A\u001B[J",
                "\r\u001B[5A\u001B[J\u001B[31mFAILED\u001B[0m host mac525400000033 (compute, DEPLOY): ",
                "demo: \u001B[31mFAILED\u001B[0m, roles 3/4 ready, hosts 9/10 done, \u001B[31m1 failed\u001B[0m",
                "  compute     [######################xxxxxxxx]  3/4 done  0 running  1 failed  FAILED",
                "Run " + RUN + " of demo: \u001B[31mFAILED\u001B[0m after 2m 11s");
        String bars = narrow.out().substring(0, narrow.out().indexOf("Run " + RUN));
        // Redrawn lines must not wrap; the failure tail scrolls away above them and may.
        assertThat(bars.replaceAll("\u001B\\[[0-9;]*[A-Za-z]", "").split("[\r\n]+"))
                .filteredOn(line -> !line.startsWith("FAILED host"))
                .allSatisfy(line -> assertThat(line.length()).isLessThan(60));
        assertThat(narrow.out()).contains("  compute     [#######xxx]  3/4 done  0 running  1 failed");
    }

    @Test
    void aDroppedStreamIsResumedAfterTheLastEventItDelivered() {
        List<String> events = Arrays.asList(CliRun.resource("run-events-completed.sse").split("(?<=\n\n)"));
        server.events(RUN_PATH + "/events", String.join("", events.subList(0, 20)))
                .events(RUN_PATH + "/events", String.join("", events.subList(20, events.size())))
                .json("GET", RUN_PATH, 200, CliRun.resource("run-running.json"))
                .json("GET", RUN_PATH, 200, CliRun.resource("run-running.json"))
                .json("GET", RUN_PATH, 200, CliRun.resource("run-completed.json"))
                .json("GET", RUN_PATH + "/hosts", 200, NO_HOSTS);

        CliRun.Result result = new CliRun(directory).against(server, "runs", "watch", RUN);

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests("GET", RUN_PATH + "/events")).extracting(request -> request.header(
                "Last-Event-ID")).containsExactly(null, "20");
        assertThat(result.out()).contains("compute: READY, 4/4 done", "COMPLETED in 2m 41s");
    }

    @Test
    void withoutALiveStreamTheRunIsPolledUntilItEnds() {
        AtomicInteger reads = new AtomicInteger();
        server.json("GET", RUN_PATH + "/events", 503, "")
                .on("GET", RUN_PATH, (exchange, request) -> ApiServer.send(exchange, 200, "application/json",
                        CliRun.resource(reads.incrementAndGet() <= 5 ? "run-running.json" : "run-failed.json")))
                .json("GET", RUN_PATH + "/hosts", 200, CliRun.resource("run-hosts-failed.json"));

        CliRun.Result result = new CliRun(directory).against(server, "deploy", "demo", "--watch", "--poll-interval",
                "20ms");

        assertThat(result.exitCode()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(server.requests("GET", RUN_PATH + "/events")).hasSize(3);
        assertThat(result.out()).contains("live events unavailable", "polling the run every 20 ms",
                "controller: RUNNING, 1/3 done, 2 running, 0 failed",
                "FAILED host mac525400000033 (compute, DEPLOY)", "FAILED after 2m 11s");
    }

    @Test
    void watchingARunThatEndedShowsItAndExitsWithItsOutcome() throws Exception {
        ObjectNode cancelled = (ObjectNode) Output.JSON.readTree(CliRun.resource("run-failed.json"));
        ((ObjectNode) cancelled.path("run")).put("status", "CANCELLED").put("reason", (String) null);
        server.json("GET", RUN_PATH, 200, cancelled.toString()).json("GET", RUN_PATH + "/hosts", 200, NO_HOSTS);

        CliRun.Result result = new CliRun(directory).against(server, "runs", "watch", RUN);

        assertThat(result.exitCode()).isEqualTo(ExitCode.RUN_CANCELLED);
        assertThat(result.out()).contains("CANCELLED after 2m 11s");
        assertThat(server.requests("GET", RUN_PATH + "/events")).isEmpty();
    }
}
