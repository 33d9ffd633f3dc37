package org.staypuft.orchestrator.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.StaypuftEvent;
import org.staypuft.events.host.HostBuilt;
import org.staypuft.events.host.HostDiscovered;
import org.staypuft.events.host.HostFactsUpdated;
import org.staypuft.events.host.HostIdentityChanged;
import org.staypuft.events.host.HostIdentityConflict;
import org.staypuft.events.host.HostSnapshot;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.orchestrator.messaging.Channels;
import org.staypuft.orchestrator.testing.Api;
import org.staypuft.orchestrator.testing.Hosts;
import org.staypuft.orchestrator.testing.Specs;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.staypuft.orchestrator.testing.Specs.deployment;
import static org.staypuft.orchestrator.testing.Specs.role;

/**
 * Finding 1 of issue 12: the host view took address, kind and SSH host keys from every snapshot, and a snapshot
 * without {@code discovery_version} even skipped the "already built" guard. The runner connects where the view says
 * and checks the keys it holds, so an unauthenticated upload must not change them for a registered, assigned or
 * built host (HostIdentityRule).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class HostIdentityTest {

    private static final KafkaTestClient KAFKA = KafkaTestClient.ofTestBroker();
    private static final List<SshHostKey> FORGED = List.of(new SshHostKey("ssh-ed25519", "AAAAforged"));
    private static final List<SshHostKey> INSTALLED = List.of(new SshHostKey("ssh-ed25519", "AAAAinstalled"));

    @Inject
    EntityManager entityManager;

    @Test
    void anUploadCannotMoveAnAssignedHost() {
        String id = Hosts.newId("assigned");
        Hosts.discovered(KAFKA, id);
        Api.awaitHostsKnown(List.of(id));
        JsonPath before = host(id);
        Api.createDeployment(deployment(Specs.unique("identity"), List.of(role("db", List.of(), List.of(id)))));

        upload(new HostFactsUpdated(id, snapshot(id, "198.51.100.66", FORGED, "3.8.0"), "forged", List.of("ip")));
        renamedAfterwards(id);

        JsonPath after = host(id);
        assertThat(after.getString("address")).isEqualTo(before.getString("address"));
        assertThat(after.getList("sshHostKeys.key")).isEqualTo(before.getList("sshHostKeys.key"));
        assertThat(after.getString("kind")).isEqualTo("DISCOVERED");
    }

    @Test
    void anUploadWithoutDiscoveryVersionCannotReplaceTheKeysOfABuiltHost() {
        String id = Hosts.newId("built");
        Hosts.discovered(KAFKA, id);
        Api.awaitHostsKnown(List.of(id));
        KAFKA.send(EventEnvelope.wrap("/staypuft/test", new HostBuilt(id, "some-deployment", INSTALLED)));
        await().atMost(Duration.ofSeconds(30)).until(() -> host(id).getBoolean("built"));
        String address = host(id).getString("address");

        upload(new HostFactsUpdated(id, snapshot(id, address, FORGED, null), "forged", List.of("ssh")));
        upload(new HostDiscovered(id, snapshot(id, "198.51.100.67", FORGED, null), "forged"));
        renamedAfterwards(id);

        JsonPath after = host(id);
        assertThat(after.getList("sshHostKeys.key")).containsExactly("AAAAinstalled");
        assertThat(after.getString("address")).isEqualTo(address);
        assertThat(after.getString("kind")).isEqualTo("DISCOVERED");
    }

    @Test
    void aDiscoveryUploadCannotTurnARegisteredHostIntoADiscoveredOne() {
        String id = Hosts.newId("registered");
        Hosts.registered(KAFKA, id);
        Api.awaitHostsKnown(List.of(id));
        String address = host(id).getString("address");

        List<String> forged = List.of(
                upload(new HostDiscovered(id, snapshot(id, "198.51.100.68", FORGED, "3.8.0"), "forged")),
                upload(new HostFactsUpdated(id, snapshot(id, "198.51.100.68", FORGED, "3.8.0"), "forged",
                        List.of("ip"))));
        // Every upload of a registered host's MAC is refused, so wait for the host view's inbox to have seen them.
        await().atMost(Duration.ofSeconds(30)).until(() -> processedByHostView(forged) == 2);

        JsonPath after = host(id);
        assertThat(after.getString("kind")).isEqualTo("REGISTERED");
        assertThat(after.getString("address")).isEqualTo(address);
        assertThat(after.getList("sshHostKeys.key")).containsExactly("AAAAregistered");
    }

    /**
     * The refused claim was the real host's (moved and reinstalled by hand): an operator accepts it at the registry,
     * which publishes host.identity-changed with source operator, and from then on the runner is sent to the accepted
     * address with the accepted keys.
     */
    @Test
    void anOperatorsAcceptedClaimIsWhereTheRunnerConnects() {
        String id = Hosts.newId("accepted");
        Hosts.registered(KAFKA, id);
        Api.awaitHostsKnown(List.of(id));
        String refused = upload(new HostFactsUpdated(id, snapshot(id, "198.51.100.71", INSTALLED, "3.8.0"), "moved",
                List.of("ip")));
        await().atMost(Duration.ofSeconds(30)).until(() -> processedByHostView(List.of(refused)) == 1);
        assertThat(host(id).getString("address")).isNotEqualTo("198.51.100.71");

        KAFKA.send(EventEnvelope.wrap("/staypuft/host-registry", new HostIdentityChanged(id, "operator",
                "registered", "198.51.100.71", INSTALLED, "0d6f4b2a-8c1e-4f37-9a5d-2b7e6c3f1a90",
                "operator alice accepted the claim of identity conflict 0d6f4b2a-8c1e-4f37-9a5d-2b7e6c3f1a90")));

        await().atMost(Duration.ofSeconds(30)).until(() -> "198.51.100.71".equals(host(id).getString("address")));
        JsonPath after = host(id);
        assertThat(after.getList("sshHostKeys.key")).containsExactly("AAAAinstalled");
        assertThat(after.getString("kind")).isEqualTo("REGISTERED");
        // Still protected: the next unauthenticated claim is refused again.
        String forged = upload(new HostFactsUpdated(id, snapshot(id, "198.51.100.72", FORGED, "3.8.0"), "forged",
                List.of("ip")));
        await().atMost(Duration.ofSeconds(30)).until(() -> processedByHostView(List.of(forged)) == 1);
        assertThat(host(id).getString("address")).isEqualTo("198.51.100.71");
        assertThat(host(id).getList("sshHostKeys.key")).containsExactly("AAAAinstalled");
    }

    @Test
    void anOperatorsConversionChangesTheKindTheRunPreparesFor() {
        String id = Hosts.newId("converted");
        Hosts.discovered(KAFKA, id);
        Api.awaitHostsKnown(List.of(id));
        JsonPath before = host(id);
        List<SshHostKey> keys = before.getList("sshHostKeys", Map.class).stream()
                .map(key -> new SshHostKey((String) key.get("algorithm"), (String) key.get("key"))).toList();

        KAFKA.send(EventEnvelope.wrap("/staypuft/host-registry", new HostIdentityChanged(id, "operator",
                "registered", before.getString("address"), keys, null,
                "operator alice converted the host from discovered to registered")));

        await().atMost(Duration.ofSeconds(30)).until(() -> "REGISTERED".equals(host(id).getString("kind")));
        assertThat(host(id).getString("address")).isEqualTo(before.getString("address"));
    }

    /**
     * The dashboard's mark (issue 12): the host view records every host.identity-conflict once (a redelivery is the
     * same conflict) and shows the open ones with the host; an operator's accepted claim resolves it and the host's
     * older ones, as the registry does, while a later claim stays open.
     */
    @Test
    void openIdentityConflictsShowWithTheHostUntilAnOperatorAcceptsThem() {
        String id = Hosts.newId("conflicted");
        String calm = Hosts.newId("calm");
        Hosts.registered(KAFKA, id);
        Hosts.registered(KAFKA, calm);
        Api.awaitHostsKnown(List.of(id, calm));
        assertThat(host(id).getMap("identityConflict")).isNull();

        EventEnvelope first = conflict(id, "198.51.100.80");
        KAFKA.send(first); // redelivered: still one conflict
        EventEnvelope second = conflict(id, "198.51.100.81");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Integer.valueOf(2).equals(host(id).get("identityConflict.open")));
        JsonPath marked = host(id);
        assertThat(marked.getString("identityConflict.conflictId")).isEqualTo(second.id());
        assertThat(marked.getString("identityConflict.source")).isEqualTo("discovery-upload");
        assertThat(marked.getList("identityConflict.attributes")).containsExactly("address", "sshHostKeys");
        assertThat(marked.getString("identityConflict.since")).isNotBlank();
        assertThat(marked.getString("address")).isNotEqualTo("198.51.100.81");
        assertThat(conflicted()).contains(id).doesNotContain(calm);
        Api.as(Api.VIEWER).queryParam("identityConflict", "closed").get("/api/v1/hosts").then().statusCode(400)
                .contentType("application/problem+json").body("field", org.hamcrest.Matchers.is("identityConflict"));

        // The operator accepts the first claim: it is accepted, the later one stays open.
        KAFKA.send(EventEnvelope.wrap("/staypuft/host-registry", new HostIdentityChanged(id, "operator",
                "registered", "198.51.100.80", INSTALLED, first.id(), "operator alice accepted " + first.id())));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Integer.valueOf(1).equals(host(id).get("identityConflict.open")));
        assertThat(host(id).getString("identityConflict.conflictId")).isEqualTo(second.id());

        // ... then the later one: nothing open any more.
        KAFKA.send(EventEnvelope.wrap("/staypuft/host-registry", new HostIdentityChanged(id, "operator",
                "registered", "198.51.100.81", INSTALLED, second.id(), "operator alice accepted " + second.id())));
        await().atMost(Duration.ofSeconds(30)).until(() -> host(id).getMap("identityConflict") == null);
        assertThat(host(id).getString("address")).isEqualTo("198.51.100.81");
        assertThat(conflicted()).doesNotContain(id);
    }

    private static EventEnvelope conflict(String id, String address) {
        EventEnvelope envelope = EventEnvelope.wrap("/staypuft/host-registry", new HostIdentityConflict(id,
                "discovery-upload", List.of("address", "sshHostKeys"), "discovered", address, FORGED,
                "an unauthenticated discovery upload may not change the address of a registered host"));
        KAFKA.send(envelope);
        return envelope;
    }

    private static List<String> conflicted() {
        return Api.as(Api.VIEWER).queryParam("identityConflict", "open").queryParam("limit", 5000)
                .get("/api/v1/hosts").then().statusCode(200).extract().jsonPath().getList("hostId");
    }

    @Test
    void aFreeDiscoveredHostStillTakesNewFacts() {
        String id = Hosts.newId("free");
        Hosts.discovered(KAFKA, id);
        Api.awaitHostsKnown(List.of(id));

        upload(new HostFactsUpdated(id, snapshot(id, "198.51.100.70", FORGED, "3.8.0"), "new", List.of("ip")));

        await().atMost(Duration.ofSeconds(30)).until(() -> "198.51.100.70".equals(host(id).getString("address")));
        assertThat(host(id).getList("sshHostKeys.key")).containsExactly("AAAAforged");
    }

    /**
     * An accepted upload after the refused ones (same identity, another name): the host's events are in order on
     * one partition, so once the name shows, the refused ones were processed.
     */
    private static void renamedAfterwards(String id) {
        JsonPath current = host(id);
        HostSnapshot same = new HostSnapshot("renamed-" + id, "52:54:00:00:00:01", current.getString("address"),
                null, List.of(), null, current.getList("sshHostKeys", Map.class).stream()
                        .map(key -> new SshHostKey((String) key.get("algorithm"), (String) key.get("key"))).toList(),
                "3.8.0");
        upload(new HostFactsUpdated(id, same, "renamed", List.of("hostname")));
        await().atMost(Duration.ofSeconds(30)).until(() -> host(id).getString("name").equals("renamed-" + id));
    }

    private static String upload(StaypuftEvent event) {
        EventEnvelope envelope = EventEnvelope.wrap("/staypuft/discovery-listener", event);
        KAFKA.send(envelope);
        return envelope.id();
    }

    private long processedByHostView(List<String> eventIds) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM processed_event WHERE consumer = :consumer AND event_id IN (:ids)")
                .setParameter("consumer", Channels.HOST_VIEW_CONSUMER).setParameter("ids", eventIds)
                .getSingleResult()).longValue());
    }

    private static HostSnapshot snapshot(String id, String address, List<SshHostKey> keys, String imageVersion) {
        return new HostSnapshot(id + ".example.com", "52:54:00:00:00:01", address, null, List.of(), null, keys,
                imageVersion);
    }

    private static JsonPath host(String id) {
        String hosts = Api.as(Api.VIEWER).queryParam("limit", 5000).get("/api/v1/hosts").then().statusCode(200)
                .extract().asString();
        return JsonPath.from(hosts).setRootPath("find { it.hostId == '" + id + "' }");
    }
}
