package org.staypuft.kit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.Topics;
import org.staypuft.events.host.HostAssigned;
import org.staypuft.kit.outbox.Outbox;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many transactions publishing at once commit in another order than they took their outbox sequence numbers. Every
 * event must still reach Kafka (the relay once deleted "everything up to the last sent seq", losing the rows of
 * transactions that committed while a batch was in flight: found by the puppet-runner's 500-run test).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(PostgresTestResource.class)
class OutboxConcurrentWritersTest {

    private static final int WRITERS = 16;
    private static final int EVENTS_PER_WRITER = 40;

    @Inject
    Outbox outbox;

    private final KafkaTestClient kafka = KafkaTestClient.ofTestBroker();

    @Test
    void everyEventOfConcurrentWritersIsRelayed() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<Set<String>>> written = new ArrayList<>();
            for (int writer = 0; writer < WRITERS; writer++) {
                int index = writer;
                written.add(writers.submit(() -> publish(run, index)));
            }
            Set<String> ids = new HashSet<>();
            for (Future<Set<String>> future : written) {
                ids.addAll(future.get());
            }

            List<ConsumerRecord<String, byte[]>> relayed = kafka.read(Topics.HOST_EVENTS,
                    record -> record.key().startsWith("mac-" + run), ids.size(), Duration.ofSeconds(60));

            assertThat(relayed.stream().map(record -> new String(record.headers().lastHeader("ce_id").value()))
                    .collect(Collectors.toSet())).isEqualTo(ids);
        } finally {
            writers.shutdownNow();
        }
    }

    private Set<String> publish(String run, int writer) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < EVENTS_PER_WRITER; i++) {
            String hostId = "mac-" + run + "-" + writer + "-" + i;
            EventEnvelope event = QuarkusTransaction.requiringNew().call(() -> {
                EventEnvelope published = outbox.publish(new HostAssigned(hostId, "dep-1", "lab", "compute",
                        "discovery"));
                // Hold the commit a little, so transactions commit out of their sequence order.
                Thread.sleep(ThreadLocalRandom.current().nextInt(3));
                return published;
            });
            ids.add(event.id());
        }
        return ids;
    }
}
