package org.staypuft.cli;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rules list/create/delete/enable/disable/test} against the orchestrator's discovery-rules API. */
class RulesTest extends ServedCliTest {

    private static final String RULE = """
            {"name":"big-computes","priority":10,"expression":"facts.cpu_count >= 32","deployment":"demo",
             "deploymentId":"d1","role":"compute","maxCount":20,"hostnamePattern":"compute-${n}","enabled":true,
             "taken":3,"createdAt":"2026-12-03T18:00:00Z","updatedAt":"2026-12-03T18:00:00Z"}""";

    @Test
    void aRuleIsCreatedListedSwitchedAndDeleted() throws Exception {
        server.json("POST", "/api/v1/discovery-rules", 201, RULE)
                .json("GET", "/api/v1/discovery-rules", 200, "[" + RULE + "]")
                .json("POST", "/api/v1/discovery-rules/big-computes/disable", 200, RULE.replace("\"enabled\":true",
                        "\"enabled\":false"))
                .json("POST", "/api/v1/discovery-rules/big-computes/enable", 200, RULE)
                .json("DELETE", "/api/v1/discovery-rules/big-computes", 204, "");

        CliRun.Result created = new CliRun(directory).against(server, "rules", "create", "big-computes", "-e",
                "facts.cpu_count >= 32", "-d", "demo", "-r", "compute", "-p", "10", "-m", "20", "-n", "compute-${n}");
        CliRun.Result listed = new CliRun(directory).against(server, "rules", "list");
        CliRun.Result disabled = new CliRun(directory).against(server, "rules", "disable", "big-computes");
        CliRun.Result enabled = new CliRun(directory).against(server, "rules", "enable", "big-computes");
        CliRun.Result deleted = new CliRun(directory).against(server, "rules", "delete", "big-computes");

        assertThat(created.exitCode()).isZero();
        JsonNode sent = Output.JSON.readTree(server.requests("POST", "/api/v1/discovery-rules").get(0).body());
        assertThat(sent.path("name").asText()).isEqualTo("big-computes");
        assertThat(sent.path("expression").asText()).isEqualTo("facts.cpu_count >= 32");
        assertThat(sent.path("deployment").asText()).isEqualTo("demo");
        assertThat(sent.path("priority").asInt()).isEqualTo(10);
        assertThat(sent.path("maxCount").asInt()).isEqualTo(20);
        assertThat(sent.path("hostnamePattern").asText()).isEqualTo("compute-${n}");
        assertThat(sent.path("enabled").asBoolean()).isTrue();
        assertThat(created.out()).contains("Rule big-computes created (enabled, priority 10)", "demo/compute");
        assertThat(listed.out()).contains("PRIORITY", "big-computes", "3/20", "compute-${n}", "facts.cpu_count >= 32");
        assertThat(disabled.out()).contains("Rule big-computes disabled");
        assertThat(enabled.out()).contains("Rule big-computes enabled");
        assertThat(deleted.exitCode()).isZero();
        assertThat(deleted.out()).contains("Rule big-computes deleted");
    }

    @Test
    void aTrialListsTheHostsTheRuleWouldTake() {
        server.json("POST", "/api/v1/discovery-rules/big-computes/test", 200, """
                {"rule":"big-computes","enabled":false,"room":2,"matched":5,
                 "wouldTake":[{"hostId":"mac525400000001","name":"mac525400000001","hostName":"compute-4"},
                              {"hostId":"mac525400000002","name":"mac525400000002","hostName":"compute-5"}],
                 "errors":[{"hostId":"mac525400000009","message":"key 'cpu_count' is not present in map."}]}""");

        CliRun.Result result = new CliRun(directory).against(server, "rules", "test", "big-computes");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Rule big-computes (disabled) matches 5 free hosts and would take 2 (room "
                + "for 2)", "mac525400000001", "compute-4", "compute-5",
                "not evaluated on mac525400000009: key 'cpu_count' is not present in map.");
    }

    @Test
    void anInvalidExpressionIsTheServicesRefusalNamingTheField() {
        server.json("POST", "/api/v1/discovery-rules", 400,
                """
                        {"status":400,"title":"Invalid discovery rule","field":"expression","detail":"not a valid rule expression: ERROR: <input>:1:20: mismatched input '<EOF>'",
                         "errors":[{"field":"expression","message":"not a valid rule expression: ERROR: <input>:1:20: mismatched input '<EOF>'"}]}""");

        CliRun.Result result = new CliRun(directory).against(server, "rules", "create", "bad", "-e",
                "facts.cpu_count >= ", "-d", "demo", "-r", "compute");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("expression", "mismatched input");
    }
}
