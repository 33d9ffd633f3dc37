package org.staypuft.cli;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code webhooks create/list/deliveries/delete} against the dispatcher's API as it answers. */
class WebhooksTest {

    static final String ID = "6f1c1e0a-3b7d-4c55-9a3e-1f2d3c4b5a69";

    @TempDir
    Path directory;

    ApiServer server = ApiServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void createSendsTheSubscriptionAndPrintsTheSecretOnce() throws Exception {
        server.json("POST", "/api/v1/webhooks", 201, """
                {"id":"%s","url":"https://ci.example.com/hook","eventTypes":["org.staypuft.deployment.completed.v1"],
                 "deploymentId":null,"enabled":true,"createdBy":"op","createdAt":"2026-03-02T10:05:00Z",
                 "secret":"generated-secret-0123456789abcdef0123456789"}""".formatted(ID));

        CliRun.Result result = new CliRun(directory).against(server, "webhooks", "create", "--url",
                "https://ci.example.com/hook", "-e", "deployment.completed");

        assertThat(result.exitCode()).isZero();
        JsonNode request = Output.JSON.readTree(server.requests("POST", "/api/v1/webhooks").get(0).body());
        assertThat(request.path("url").asText()).isEqualTo("https://ci.example.com/hook");
        assertThat(request.path("eventTypes").get(0).asText()).isEqualTo("deployment.completed");
        assertThat(request.has("secret")).isFalse();
        assertThat(result.out()).contains("Webhook " + ID, "events: deployment.completed",
                "secret: generated-secret-0123456789abcdef0123456789");
    }

    @Test
    void listAndDeliveriesPrintTables() {
        server.json("GET", "/api/v1/webhooks", 200, """
                [{"id":"%s","url":"https://ci.example.com/hook","eventTypes":["org.staypuft.deployment.completed.v1"],
                  "deploymentId":"dep-1","enabled":true,"createdBy":"op","createdAt":"2026-03-02T10:05:00Z"}]"""
                .formatted(ID))
                .json("GET", "/api/v1/webhooks/" + ID + "/deliveries", 200, """
                        [{"id":"a","eventId":"e-1","eventType":"org.staypuft.deployment.completed.v1","state":"DEAD",
                          "attempts":8,"lastStatus":null,"lastError":"connection refused or unreachable",
                          "nextAttemptAt":null,"createdAt":"2026-03-02T10:05:00Z"},
                         {"id":"b","eventId":"e-2","eventType":"org.staypuft.deployment.completed.v1",
                          "state":"DELIVERED","attempts":1,"lastStatus":204,"createdAt":"2026-03-02T10:06:00Z"}]""");

        CliRun.Result list = new CliRun(directory).against(server, "webhooks", "list");
        CliRun.Result deliveries = new CliRun(directory).against(server, "webhooks", "deliveries", ID);

        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains(ID, "https://ci.example.com/hook", "deployment.completed", "dep-1",
                "1 webhooks");
        assertThat(deliveries.exitCode()).isZero();
        assertThat(deliveries.out()).contains("DEAD", "connection refused or unreachable", "DELIVERED", "HTTP 204",
                "2 deliveries");
    }

    @Test
    void deleteAndItsRefusal() {
        server.json("DELETE", "/api/v1/webhooks/" + ID, 204, "")
                .text("DELETE", "/api/v1/webhooks/nope", 404, "application/problem+json", """
                        {"type":"about:blank","title":"Not Found","status":404,"detail":"no webhook nope",
                         "field":"id"}""");

        assertThat(new CliRun(directory).against(server, "webhooks", "delete", ID).exitCode()).isZero();
        CliRun.Result refused = new CliRun(directory).against(server, "webhooks", "delete", "nope");
        assertThat(refused.exitCode()).isEqualTo(ExitCode.SERVICE);
        assertThat(refused.err()).contains("no webhook nope");
    }
}
