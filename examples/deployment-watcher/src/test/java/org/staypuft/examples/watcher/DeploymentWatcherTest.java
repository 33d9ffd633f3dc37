package org.staypuft.examples.watcher;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import org.staypuft.events.CloudEventHeaders;
import org.staypuft.events.EventCodec;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.StaypuftEvent;
import org.staypuft.events.Topics;
import org.staypuft.events.deployment.DeploymentCompleted;
import org.staypuft.events.deployment.RoleReady;
import org.staypuft.events.deployment.RoleStarted;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The example tool against a real broker: it reacts once to each role-ready and deployment-completed, even when
 * one is delivered twice, and goes on past event types it does not know and records it cannot decode.
 */
class DeploymentWatcherTest {

    private final String deploymentId = "dep-" + UUID.randomUUID();
    private final List<String> reactions = new CopyOnWriteArrayList<>();

    @Test
    void reactsOnceToRoleReadyAndDeploymentCompletedAndSkipsWhatItCannotRead() throws Exception {
        KafkaTestClient kafka = new KafkaTestClient(KafkaTestResource.startBroker());
        DeploymentWatcher watcher = new DeploymentWatcher(KafkaTestResource.startBroker(),
                "watcher-test-" + UUID.randomUUID(), true, new DeploymentReactions() {

                    @Override
                    public void roleReady(EventEnvelope event, RoleReady ready) {
                        if (deploymentId.equals(ready.deploymentId())) {
                            reactions.add("ready " + ready.role() + " " + ready.succeededHosts());
                        }
                    }

                    @Override
                    public void deploymentCompleted(EventEnvelope event, DeploymentCompleted completed) {
                        if (deploymentId.equals(completed.deploymentId())) {
                            reactions.add("completed " + completed.hostsDeployed());
                        }
                    }
                });
        Thread running = new Thread(watcher::run, "watcher");
        running.start();

        EventEnvelope ready = wrap(new RoleReady(deploymentId, "run-1", "database", 3, 0));
        kafka.send(wrap(new RoleStarted(deploymentId, "run-1", "database", 3)));
        kafka.send(ready);
        kafka.send(ready); // a redelivery: same ce_id
        kafka.send(withType(wrap(new RoleStarted(deploymentId, "run-1", "compute", 2)),
                "org.staypuft.deployment.role-paused.v1")); // a newer producer's type
        kafka.send(withType(wrap(new RoleStarted(deploymentId, "run-1", "compute", 2)), "com.example.unrelated"));
        kafka.send(wrap(new DeploymentCompleted(deploymentId, "run-1", 5, 0, 42_000)));

        await().atMost(Duration.ofSeconds(60)).until(() -> reactions.contains("completed 5"));
        watcher.close();
        running.join(Duration.ofSeconds(30).toMillis());

        assertThat(reactions).containsExactly("ready database 3", "completed 5");
        assertThat(watcher.skipped()).isGreaterThanOrEqualTo(2);
        assertThat(running.isAlive()).isFalse();
    }

    private static EventEnvelope wrap(StaypuftEvent payload) {
        return EventEnvelope.wrap("/test/deployment-watcher", payload);
    }

    /** The record of an event, its {@code ce_type} replaced. */
    private static ProducerRecord<String, byte[]> withType(EventEnvelope event, String type) {
        ProducerRecord<String, byte[]> record = EventCodec.toRecord(event);
        Headers headers = record.headers();
        headers.remove(CloudEventHeaders.TYPE);
        headers.remove(CloudEventHeaders.DATA_SCHEMA);
        headers.add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(Topics.DEPLOYMENT_EVENTS, null, record.key(), record.value(), headers);
    }
}
