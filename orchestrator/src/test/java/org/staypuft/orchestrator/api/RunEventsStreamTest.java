package org.staypuft.orchestrator.api;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.staypuft.orchestrator.testing.Api;
import org.staypuft.orchestrator.testing.Hosts;
import org.staypuft.orchestrator.testing.SharedResponder;
import org.staypuft.orchestrator.testing.Specs;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.staypuft.orchestrator.testing.Specs.deployment;
import static org.staypuft.orchestrator.testing.Specs.role;

/** The live stream of a run shows the same changes as the run's JSON view, as they happen. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class RunEventsStreamTest {

    private static final KafkaTestClient KAFKA = KafkaTestClient.ofTestBroker();

    @TestHTTPResource("/")
    URL base;

    @Test
    void streamFollowsTheRunToItsEndAndResumesAfterALastEventId() throws Exception {
        String host = Hosts.newId("sse");
        Hosts.registered(KAFKA, host);
        SharedResponder.get().script(host, "db").delay = Duration.ofMillis(300);
        Api.awaitHostsKnown(List.of(host));
        String id = Api.createDeployment(deployment(Specs.unique("sse"), List.of(role("db", List.of(),
                List.of(host)))));
        String runId = Api.startRun(id);
        HttpClient client = HttpClient.newHttpClient();

        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> live = client.sendAsync(
                request(runId, Api.VIEWER, null), HttpResponse.BodyHandlers.ofLines());
        HttpResponse<java.util.stream.Stream<String>> response = live.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        List<String[]> events = parse(response.body().toList()); // ends when the run has ended

        assertThat(events).extracting(e -> e[1]).contains("run", "role", "host");
        String last = events.get(events.size() - 1)[2];
        assertThat(last).contains("\"status\":\"COMPLETED\"");
        assertThat(events).filteredOn(e -> e[1].equals("host")).extracting(e -> statusOf(e[2]))
                .contains("RUNNING", "WAITING", "SUCCEEDED");
        List<Long> ids = events.stream().map(e -> Long.parseLong(e[0])).toList();
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(Api.runStatus(runId)).isEqualTo("COMPLETED");

        String resumeAfter = events.get(events.size() - 3)[0];
        List<String[]> rest = parse(client.send(request(runId, Api.VIEWER, resumeAfter),
                HttpResponse.BodyHandlers.ofLines()).body().toList());
        assertThat(rest).extracting(e -> e[0]).containsExactly(events.get(events.size() - 2)[0], events.get(
                events.size() - 1)[0]);

        assertThat(client.send(request(runId, null, null), HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(401);
    }

    private HttpRequest request(String runId, String token, String lastEventId) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base.toString() + "api/v1/runs/" + runId
                + "/events")).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            builder.header("Last-Event-ID", lastEventId);
        }
        return builder.build();
    }

    /** SSE lines to [id, event, data] triples. */
    private static List<String[]> parse(List<String> lines) {
        List<String[]> events = new ArrayList<>();
        String[] current = new String[3];
        for (String line : lines) {
            if (line.isEmpty()) {
                if (current[2] != null) {
                    events.add(current);
                }
                current = new String[3];
            } else if (line.startsWith("id:")) {
                current[0] = line.substring(3).trim();
            } else if (line.startsWith("event:")) {
                current[1] = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                current[2] = line.substring(5).trim();
            }
        }
        if (current[2] != null) {
            events.add(current);
        }
        return events;
    }

    private static String statusOf(String json) {
        int at = json.indexOf("\"status\":\"");
        return json.substring(at + 10, json.indexOf('"', at + 10));
    }
}
