package org.staypuft.listener;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.staypuft.events.EventCodec;
import org.staypuft.events.Topics;
import org.staypuft.events.host.HostFactsRecorded;
import org.staypuft.events.host.HostFactsUpdated;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

/** Re-uploads: the same facts change nothing, different facts say what changed, racing uploads create one host. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class FactsChangesTest {

    private static final String FACTS_URL = "/api/v2/discovered_hosts/facts";

    @Inject
    EntityManager entityManager;

    @Test
    void sameFactsAgainChangeNothingAndChangedFactsAreNamed() {
        String mac = Fixtures.randomMac();
        String hostId = Fixtures.hostId(mac);
        ObjectNode facts = Fixtures.factsWithMac("vmware_local", mac);

        upload(facts).then().statusCode(201).body("outcome", equalTo("created"));
        upload(facts).then().statusCode(200).body("id", equalTo(hostId)).body("outcome", equalTo("unchanged"));
        upload(reversed(facts)).then().statusCode(200).body("outcome", equalTo("unchanged"));

        ObjectNode changed = facts.deepCopy();
        changed.put("memorysize_mb", "7871.40");
        changed.put("new_fact", "appeared");
        changed.remove("uptime_seconds");
        upload(changed).then().statusCode(200).body("id", equalTo(hostId)).body("outcome", equalTo("updated"));

        PublishedEvents published = new PublishedEvents(entityManager);
        assertThat(published.ofHost(Topics.HOST_EVENTS, hostId, 2)).hasSize(2);
        published.drained();
        List<ConsumerRecord<String, byte[]>> events = published.allOfHost(Topics.HOST_EVENTS, hostId);
        assertThat(events).extracting(PublishedEvents::type)
                .containsExactly("org.staypuft.host.discovered.v1", "org.staypuft.host.facts-updated.v1");
        ContractSchemas.assertValid(events.get(1));
        HostFactsUpdated updated = EventCodec.decodePayload(events.get(1).value(), HostFactsUpdated.class);
        assertThat(updated.changedFacts()).containsExactly("memorysize_mb", "new_fact", "uptime_seconds");
        assertThat(updated.host().hardware().memoryBytes().doubleValue()).isEqualTo(7871.40 * 1024 * 1024, within(1.0));
        assertThat(updated.factsDigest()).isEqualTo(DiscoveryFixturesTest.canonicalDigest(changed));

        List<ConsumerRecord<String, byte[]>> recordedFacts = published.allOfHost(Topics.HOST_FACTS, hostId);
        assertThat(recordedFacts).hasSize(2);
        assertThat(EventCodec.decodePayload(recordedFacts.get(1).value(), HostFactsRecorded.class).facts())
                .isEqualTo(changed);
        assertThat(published.count("SELECT count(*) FROM known_host WHERE id = '" + hostId + "'")).isOne();
    }

    @Test
    void concurrentFirstUploadsOfOneHostCreateItOnce() throws Exception {
        String mac = Fixtures.randomMac();
        String hostId = Fixtures.hostId(mac);
        String body = Fixtures.upload(Fixtures.factsWithMac("simple-bond", mac));
        int uploads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(uploads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < uploads; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON).body(body).post(FACTS_URL).statusCode();
                }));
            }
            start.countDown();
            List<Integer> answered = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answered.add(status.get(60, TimeUnit.SECONDS));
            }
            assertThat(Collections.frequency(answered, 201)).as("creations among %s", answered).isOne();
            assertThat(Collections.frequency(answered, 200)).isEqualTo(uploads - 1);
        } finally {
            pool.shutdownNow();
        }

        PublishedEvents published = new PublishedEvents(entityManager);
        assertThat(published.ofHost(Topics.HOST_EVENTS, hostId, 1)).hasSize(1);
        published.drained();
        assertThat(published.allOfHost(Topics.HOST_EVENTS, hostId)).hasSize(1);
        assertThat(published.allOfHost(Topics.HOST_FACTS, hostId)).hasSize(1);
    }

    private static Response upload(ObjectNode facts) {
        return given().contentType(ContentType.JSON).body(Fixtures.upload(facts)).when().post(FACTS_URL);
    }

    /** The same facts in the opposite key order. */
    private static ObjectNode reversed(ObjectNode facts) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(
                facts.properties());
        Collections.reverse(entries);
        ObjectNode reversed = facts.objectNode();
        entries.forEach(entry -> reversed.set(entry.getKey(), entry.getValue()));
        return reversed;
    }
}
