package org.staypuft.cli;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code hosts list/assign/unassign} and {@code runs show/list/cancel/retry-failed/skip}. */
class HostsAndRunsTest extends ServedCliTest {

    static final String DEMO_ID = DeploymentsTest.DEMO_ID;
    static final String RUN = WatchTest.RUN;
    static final String RUN_PATH = WatchTest.RUN_PATH;

    @Test
    void hostsAreListedWithTheFiltersTheRegistryTakesAndTheDeploymentByName() {
        server.json("GET", "/api/v1/hosts", 200, CliRun.resource("hosts-page.json"));

        CliRun.Result result = new CliRun(directory).against(server, "hosts", "list", "--state", "failed", "--kind",
                "discovered", "--deployment", "demo", "--role", "compute");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests("GET", "/api/v1/hosts").get(0).query()).isEqualTo(
                "state=failed&kind=discovered&deployment=" + DEMO_ID + "&role=compute&page=0&size=500");
        assertThat(result.out()).contains("ID", "mac525400000001", "reg-host-02", "node03.lab.example.com",
                "puppet run failed", "3 hosts");
    }

    @Test
    void everyPageOfHostsIsRead() throws Exception {
        server.json("GET", "/api/v1/hosts", 200, hostsPage(0, 500, 620))
                .json("GET", "/api/v1/hosts", 200, hostsPage(1, 120, 620));

        CliRun.Result result = new CliRun(directory).against(server, "--output", "json", "hosts", "list");

        JsonNode listed = Output.JSON.readTree(result.out());
        assertThat(listed.path("items")).hasSize(620);
        assertThat(listed.path("total").asInt()).isEqualTo(620);
        assertThat(server.requests("GET", "/api/v1/hosts")).extracting(ApiServer.Request::query)
                .containsExactly("page=0&size=500", "page=1&size=500");
    }

    @Test
    void aHostIsShownWithTheIdentityClaimsThatWereRefused() {
        server.json("GET", "/api/v1/hosts/mac525400000007", 200, """
                {"id":"mac525400000007","name":"mac525400000007","kind":"discovered","ipv4":"192.0.2.7",
                 "state":"deployed","deploymentName":"demo","role":"compute","sshHostKeysSource":"build-callback",
                 "sshHostKeys":[{"algorithm":"ssh-ed25519","key":"AAAAinstalled"}]}""")
                .json("GET", "/api/v1/hosts/mac525400000007/identity-conflicts", 200, """
                        [{"eventId":"e1","source":"discovery-upload","attributes":["address","sshHostKeys"],
                          "claimedKind":"discovered","claimedAddress":"10.66.0.1",
                          "claimedSshHostKeys":[{"algorithm":"ssh-ed25519","key":"AAAAforged"}],
                          "reason":"refused","detectedBy":"/staypuft/host-registry",
                          "detectedAt":"2026-12-03T08:00:00Z"}]""");

        CliRun.Result result = new CliRun(directory).against(server, "hosts", "show", "mac525400000007");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("kind:        discovered", "address:     192.0.2.7",
                "ssh keys:    from build-callback", "ssh-ed25519 AAAAinstalled",
                "identity conflicts: 1 (refused, nothing changed)",
                "CONFLICT discovery-upload claimed address, sshHostKeys: kind discovered, address 10.66.0.1, 1 keys"
                        + " (refused by /staypuft/host-registry)");
    }

    @Test
    void anOperatorAcceptsARefusedIdentityClaimAndConvertsAHost() {
        server.json("POST", "/api/v1/hosts/mac525400000007/identity-conflicts/e1/accept", 200, """
                {"id":"mac525400000007","kind":"discovered","ipv4":"10.66.0.1","sshHostKeysSource":"operator",
                 "sshHostKeys":[{"algorithm":"ssh-ed25519","key":"AAAAreinstalled"}]}""")
                .json("POST", "/api/v1/hosts/mac525400000008/conversion", 200, """
                        {"id":"mac525400000008","kind":"registered","ipv4":"192.0.2.8"}""")
                .json("POST", "/api/v1/hosts/mac525400000009/conversion", 409,
                        """
                                {"status":409,"title":"Conflict","errors":[{"field":"kind","message":"host 'mac525400000009' already is registered; nothing changed"}]}""");

        CliRun.Result accepted = new CliRun(directory).against(server, "hosts", "accept-identity",
                "mac525400000007", "e1");
        CliRun.Result converted = new CliRun(directory).against(server, "hosts", "convert", "mac525400000008",
                "registered");
        CliRun.Result refused = new CliRun(directory).against(server, "hosts", "convert", "mac525400000009",
                "registered");

        assertThat(accepted.exitCode()).isZero();
        assertThat(accepted.out()).contains("Host mac525400000007: accepted identity conflict e1; address 10.66.0.1,"
                + " 1 SSH host keys (from operator)");
        assertThat(converted.exitCode()).isZero();
        assertThat(converted.out()).contains("Host mac525400000008 is now registered");
        assertThat(server.requests("POST", "/api/v1/hosts/mac525400000008/conversion").get(0).body())
                .isEqualTo("{\"kind\":\"registered\"}");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("already is registered");
    }

    @Test
    void eachHostIsAssignedOnItsOwnAndARefusedOneDoesNotStopTheOthers() {
        String hosts = "/api/v1/deployments/" + DEMO_ID + "/roles/compute/hosts/";
        server.json("POST", hosts + "mac525400000041", 200, """
                {"hostId":"mac525400000041","deploymentId":"%s","role":"compute","state":"ASSIGNED","deployed":false}"""
                .formatted(DEMO_ID))
                .json("POST", hosts + "mac525400000042", 409,
                        """
                                {"status":409,"title":"Conflict","errors":[{"field":"hostId","message":"host mac525400000042 is assigned to deployment lab"}]}""")
                .json("POST", hosts + "mac525400000043", 200, "{\"hostId\":\"mac525400000043\"}");

        CliRun.Result result = new CliRun(directory).against(server, "hosts", "assign", "demo", "compute",
                "mac525400000041", "mac525400000042", "mac525400000043");

        assertThat(result.exitCode()).isEqualTo(ExitCode.SERVICE);
        assertThat(result.out()).contains("Assigned mac525400000041 to role compute of demo.",
                "Assigned mac525400000043 to role compute of demo.");
        assertThat(result.err()).contains("Error: mac525400000042 not assigned: from the orchestrator: Conflict: "
                + "host mac525400000042 is assigned to deployment lab [hostId]");
    }

    @Test
    void hostsAreUnassigned() {
        server.json("DELETE", "/api/v1/deployments/" + DEMO_ID + "/roles/compute/hosts/mac525400000031", 204, "");

        CliRun.Result result = new CliRun(directory).against(server, "hosts", "unassign", "demo", "compute",
                "mac525400000031");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Unassigned mac525400000031 from role compute of demo.");
    }

    @Test
    void aRunIsShownWithItsRolesAndFailedHosts() {
        server.json("GET", RUN_PATH, 200, CliRun.resource("run-failed.json"))
                .json("GET", RUN_PATH + "/hosts", 200, CliRun.resource("run-hosts-failed.json"));

        CliRun.Result result = new CliRun(directory).against(server, "runs", "show", RUN);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Run " + RUN + " of demo: FAILED after 2m 11s",
                "ROLE        STATUS  DONE  RUNNING  FAILED  SKIPPED  TIME",
                "compute     FAILED  3/4   0        1       0        36s", "Failed hosts (1):", "mac525400000033",
                "staypuft runs retry-failed " + RUN);
    }

    @Test
    void anOrchestratorWithoutThePagedHostsEndpointStillShowsTheFailedHostsOfTheRun() throws Exception {
        ObjectNode detail = (ObjectNode) Output.JSON.readTree(CliRun.resource("run-failed.json"));
        ArrayNode steps = detail.putArray("hosts");
        steps.add(Output.JSON.readTree(CliRun.resource("run-hosts-failed.json")).path("hosts").get(0));
        steps.addObject().put("hostId", "mac525400000031").put("role", "compute").put("status", "SUCCEEDED");
        server.json("GET", RUN_PATH, 200, detail.toString());

        CliRun.Result result = new CliRun(directory).against(server, "runs", "show", RUN);

        assertThat(result.out()).contains("Failed hosts (1):", "mac525400000033").doesNotContain(
                "mac525400000031");
    }

    @Test
    void runsAreListedCancelledResumedAndAHostSkipped() throws Exception {
        JsonNode failed = Output.JSON.readTree(CliRun.resource("run-failed.json"));
        server.json("GET", "/api/v1/deployments/" + DEMO_ID + "/runs", 200, "[" + failed.path("run") + "]")
                .json("GET", RUN_PATH, 200, failed.toString())
                .json("POST", RUN_PATH + "/cancel", 200, CliRun.resource("run-running.json")
                        .replace("\"RUNNING\",\n    \"phase\"", "\"CANCELLING\",\n    \"phase\""))
                .json("POST", RUN_PATH + "/retry-failed", 200, CliRun.resource("run-running.json"))
                .json("POST", RUN_PATH + "/hosts/mac525400000033/skip", 200, """
                        {"host":{"hostId":"mac525400000033","status":"SKIPPED"},"requests":[]}""");
        CliRun cli = new CliRun(directory);

        assertThat(cli.against(server, "runs", "list", "demo").out()).contains("RUN", RUN, "FAILED", "2m 11s",
                "alice");
        assertThat(cli.against(server, "runs", "cancel", RUN).out()).contains("Run " + RUN + " is CANCELLING");
        assertThat(cli.against(server, "runs", "resume", RUN).out()).contains("Run " + RUN + " is RUNNING again");
        assertThat(cli.against(server, "runs", "retry-failed", RUN).exitCode()).isZero();
        CliRun.Result skipped = cli.against(server, "runs", "skip", RUN, "mac525400000033", "--reason",
                "disk replaced tomorrow");

        assertThat(skipped.out()).contains("Skipped host mac525400000033 in run " + RUN);
        assertThat(server.requests("POST", RUN_PATH + "/retry-failed")).hasSize(2);
        assertThat(Output.JSON.readTree(server.requests("POST", RUN_PATH + "/hosts/mac525400000033/skip").get(0)
                .body()).path("reason").asText()).isEqualTo("disk replaced tomorrow");
    }

    /** Issue 11: a run paused at the wait limit says what it waits for, and resume resumes it. */
    @Test
    void aPausedRunSaysWhyAndResumeResumesIt() throws Exception {
        String running = CliRun.resource("run-running.json");
        String reason = "paused: waiting for puppet-runner (the run is queued, not started on the host) since "
                + "2026-03-02T10:01:00Z, longer than the wait limit PT30M; resume it (staypuft runs resume " + RUN
                + ") once puppet-runner is back";
        String paused = running.replace("\"RUNNING\",\n    \"phase\"", "\"PAUSED\",\n    \"phase\"")
                .replace("\"reason\": null", "\"reason\": \"" + reason + "\"");
        server.json("GET", RUN_PATH, 200, paused)
                .json("GET", RUN_PATH + "/hosts", 200, "{\"total\":0,\"page\":0,\"size\":100,\"hosts\":[]}")
                .json("POST", RUN_PATH + "/resume", 200, running);
        CliRun cli = new CliRun(directory);

        CliRun.Result shown = cli.against(server, "runs", "show", RUN);
        assertThat(shown.out()).contains("PAUSED", reason);
        assertThat(shown.err() + shown.out()).contains("staypuft runs resume " + RUN);
        assertThat(cli.against(server, "runs", "resume", RUN).out()).contains("Run " + RUN + " is RUNNING again: "
                + "new hosts start; the wait limit counts from now.");
        assertThat(server.requests("POST", RUN_PATH + "/resume")).hasSize(1);
        assertThat(server.requests("POST", RUN_PATH + "/retry-failed")).isEmpty();
    }

    /** Issue 17: a role awaiting an operator's approval is named with the command that approves it. */
    @Test
    void aRoleAwaitingApprovalIsNamedAndApproveApprovesIt() throws Exception {
        String running = CliRun.resource("run-running.json");
        String awaiting = running.replaceFirst("\"status\": \"RUNNING\",\n(\\s*)\"dependsOn\"",
                "\"status\": \"AWAITING_APPROVAL\",\n$1\"dependsOn\"");
        assertThat(awaiting).contains("AWAITING_APPROVAL");
        server.json("GET", RUN_PATH, 200, awaiting)
                .json("GET", RUN_PATH + "/hosts", 200, "{\"total\":0,\"page\":0,\"size\":100,\"hosts\":[]}")
                .json("POST", RUN_PATH + "/roles/controller/approve", 200, running);
        CliRun cli = new CliRun(directory);

        CliRun.Result shown = cli.against(server, "runs", "show", RUN);
        assertThat(shown.out()).contains("Role controller awaits an operator's approval: staypuft runs approve " + RUN
                + " controller");
        assertThat(cli.against(server, "runs", "approve", RUN, "controller").out())
                .contains("Approved role controller of run " + RUN + ": it starts.");
        assertThat(server.requests("POST", RUN_PATH + "/roles/controller/approve")).hasSize(1);
    }

    private static String hostsPage(int page, int count, int total) {
        ObjectNode answer = Output.JSON.createObjectNode();
        ArrayNode items = answer.putArray("items");
        for (int i = 0; i < count; i++) {
            items.addObject().put("id", "host-" + page + "-" + i).put("kind", "discovered").put("state", "free");
        }
        return answer.put("page", page).put("size", 500).put("total", total).toString();
    }
}
