package org.staypuft.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.staypuft.events.EventCodec;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.deployment.DeploymentCompleted;
import org.staypuft.events.deployment.DeploymentTriggered;
import org.staypuft.events.deployment.HostDeployed;
import org.staypuft.events.deployment.RoleReady;
import org.staypuft.events.deployment.RoleStarted;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.staypuft.webhooks.Operators.asOperator;

/**
 * Events published on the real broker reach real HTTP receivers (the JDK's server) as signed CloudEvents; a dead and
 * a hanging receiver are retried until DEAD without delaying a healthy one; a redelivered record is one delivery.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class DeliveryTest {

    private static final List<String> RUN_TYPES = List.of("deployment.triggered", "deployment.role-started",
            "deployment.host-deployed", "deployment.role-ready", "deployment.completed");

    @Test
    void aReceiverGetsTheRunsEventsSignedWhileDeadAndHangingOnesAreRetriedUntilDead() throws Exception {
        String deployment = "dep-" + UUID.randomUUID();
        String secret = "receiver-secret-" + UUID.randomUUID();
        try (Receiver healthy = Receiver.healthy(); Receiver hanging = Receiver.sleeping(Duration.ofSeconds(10))) {
            subscribe(healthy.url(), RUN_TYPES, deployment, secret);
            String hangingId = subscribe(hanging.url(), List.of("deployment.completed"), deployment, null);
            String deadId = subscribe(Receiver.closedPortUrl(), List.of("deployment.triggered",
                    "deployment.completed"), deployment, null);
            // Another deployment's events and types nobody asked for are not delivered.
            subscribe(healthy.url(), List.of("host.built"), null, secret);

            String run = "run-" + UUID.randomUUID();
            List<EventEnvelope> events = List.of(
                    envelope(new DeploymentTriggered(deployment, "webhooks", run, false, List.of("db"), 2, "op")),
                    envelope(new RoleStarted(deployment, run, "db", 2)),
                    envelope(new HostDeployed(deployment, run, "mac525400000001", "db")),
                    envelope(new HostDeployed(deployment, run, "mac525400000002", "db")),
                    envelope(new RoleReady(deployment, run, "db", 2, 0)),
                    envelope(new DeploymentCompleted("dep-other-" + UUID.randomUUID(), run, 1, 0, 10)),
                    envelope(new DeploymentCompleted(deployment, run, 2, 0, 1000)));
            KafkaTestClient kafka = KafkaTestClient.ofTestBroker();
            events.forEach(kafka::send);

            await().atMost(Duration.ofSeconds(30)).until(() -> healthy.requests().size() >= 6);
            // The healthy receiver had all of them while the hanging one was still being tried (each of its
            // attempts takes the 3 s read timeout, one after another): it did not wait for it.
            assertThat(states(hangingId)).contains("PENDING");

            List<EventEnvelope> expected = events.stream().filter(e -> deployment.equals(e.deploymentId())).toList();
            assertThat(healthy.requests()).hasSize(6);
            assertThat(healthy.requests()).extracting(r -> r.header("ce-id"))
                    .containsExactlyInAnyOrderElementsOf(expected.stream().map(EventEnvelope::id).toList());
            for (Receiver.Request request : healthy.requests()) {
                EventEnvelope event = expected.stream().filter(e -> e.id().equals(request.header("ce-id")))
                        .findFirst().orElseThrow();
                assertThat(request.header("ce-specversion")).isEqualTo("1.0");
                assertThat(request.header("ce-type")).isEqualTo(event.type().type());
                assertThat(request.header("ce-source")).isEqualTo(event.source());
                assertThat(request.header("ce-subject")).isEqualTo(deployment);
                assertThat(request.header("ce-deploymentid")).isEqualTo(deployment);
                assertThat(request.header("ce-dataschema")).isEqualTo(event.type().dataSchema());
                assertThat(request.header("ce-time")).isNotBlank();
                assertThat(request.header("Content-Type")).isEqualTo("application/json");
                assertThat(request.body()).isEqualTo(EventCodec.encodePayload(event.payload()));
                long timestamp = Long.parseLong(request.header("Staypuft-Timestamp"));
                assertThat(timestamp).isBetween(Instant.now().getEpochSecond() - 300,
                        Instant.now().getEpochSecond() + 5);
                assertThat(request.header("Staypuft-Signature"))
                        .isEqualTo("sha256=" + hmacSha256(secret, timestamp + ".", request.body()));
                assertThat(request.header("Staypuft-Signature"))
                        .isNotEqualTo("sha256=" + hmacSha256("wrong" + secret, timestamp + ".", request.body()));
            }

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(deliveries(deadId)).hasSize(2).allSatisfy(delivery -> {
                    assertThat(delivery).containsEntry("state", "DEAD").containsEntry("attempts", 3)
                            .containsEntry("lastStatus", null).containsKey("lastError");
                    assertThat((String) delivery.get("lastError")).contains("refused");
                });
                assertThat(deliveries(hangingId)).hasSize(1).allSatisfy(delivery -> {
                    assertThat(delivery).containsEntry("state", "DEAD").containsEntry("attempts", 3);
                    assertThat((String) delivery.get("lastError")).contains("no answer within");
                });
            });
            assertThat(hanging.requests()).hasSize(3);
        }
    }

    @Test
    void aRedeliveredRecordIsDeliveredOnce() throws Exception {
        String deployment = "dep-" + UUID.randomUUID();
        try (Receiver receiver = Receiver.healthy()) {
            String id = subscribe(receiver.url(), List.of("deployment.role-started", "deployment.completed"),
                    deployment, null);
            EventEnvelope started = envelope(new RoleStarted(deployment, "run-1", "db", 1));
            EventEnvelope completed = envelope(new DeploymentCompleted(deployment, "run-1", 1, 0, 5));
            KafkaTestClient kafka = KafkaTestClient.ofTestBroker();
            // Same key, one partition: the copies are consumed before the completion.
            kafka.send(started);
            kafka.send(started);
            kafka.send(started);
            kafka.send(completed);

            // One delivery per event (a slow answer may make one of them be sent again: at least once).
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(deliveries(id))
                    .hasSize(2).allSatisfy(delivery -> assertThat(delivery).containsEntry("state", "DELIVERED")
                            .containsEntry("lastStatus", 204)));
            assertThat(receiver.requests()).extracting(r -> r.header("ce-id")).containsOnly(started.id(),
                    completed.id());
            assertThat(receiver.requests().stream().map(r -> r.header("Staypuft-Delivery")).distinct()).hasSize(2);
        }
    }

    @Test
    void anAnswerWhoseBodyNeverEndsIsDeliveredByItsStatus() throws Exception {
        String deployment = "dep-" + UUID.randomUUID();
        try (Receiver receiver = Receiver.tricklingBody()) {
            String id = subscribe(receiver.url(), List.of("deployment.completed"), deployment, null);
            KafkaTestClient.ofTestBroker().send(envelope(new DeploymentCompleted(deployment, "run-1", 1, 0, 5)));

            // Not held until a timeout: the read timeout (3 s) would make it a failed attempt, then a retry.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deliveries(id)).singleElement()
                    .satisfies(delivery -> assertThat(delivery).containsEntry("state", "DELIVERED")
                            .containsEntry("attempts", 1).containsEntry("lastStatus", 200)));
        }
    }

    private static EventEnvelope envelope(org.staypuft.events.StaypuftEvent payload) {
        return EventEnvelope.wrap("/staypuft/orchestrator", payload);
    }

    private static String subscribe(String url, List<String> types, String deployment, String secret) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("url", url, "eventTypes", types));
        if (deployment != null) {
            body.put("deploymentId", deployment);
        }
        if (secret != null) {
            body.put("secret", secret);
        }
        return asOperator().contentType(ContentType.JSON).body(body).post("/api/v1/webhooks").then().statusCode(201)
                .extract().path("id");
    }

    private static List<Map<String, Object>> deliveries(String subscription) {
        return asOperator().get("/api/v1/webhooks/" + subscription + "/deliveries").then().statusCode(200).extract()
                .jsonPath().getList("$");
    }

    private static List<String> states(String subscription) {
        return deliveries(subscription).stream().map(d -> (String) d.get("state")).toList();
    }

    /** The receiver's side of the signature, written apart from the dispatcher's code. */
    private static String hmacSha256(String secret, String prefix, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(prefix.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
