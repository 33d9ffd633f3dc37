package org.staypuft.registry;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.staypuft.events.EventCodec;
import org.staypuft.events.host.Disk;
import org.staypuft.events.host.Hardware;
import org.staypuft.events.host.HostAssigned;
import org.staypuft.events.host.HostDiscovered;
import org.staypuft.events.host.HostFactsRecorded;
import org.staypuft.events.host.HostRegistered;
import org.staypuft.events.host.HostSnapshot;
import org.staypuft.events.host.HostStateChanged;
import org.staypuft.events.host.NetworkInterface;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.staypuft.registry.TestHosts.ECDSA;
import static org.staypuft.registry.TestHosts.ED25519;
import static org.staypuft.registry.TestHosts.HOSTS;
import static org.staypuft.registry.TestHosts.TIMEOUT;
import static org.staypuft.registry.TestHosts.asViewer;
import static org.staypuft.registry.TestHosts.event;

/** What an operator finds through the REST API after the listener announced hosts and their facts. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class HostInventoryApiTest {

    private static final String DIGEST = "b438dbe67c99eb7d37f6e9f2a58fb5a959d3597466f6b2eafa651af25cc4907f";

    private final KafkaTestClient kafka = KafkaTestClient.ofTestBroker();

    @Test
    void discoveredHostWithItsFactsIsFoundWithIdentityAddressesKeysHardwareAndRawFacts() throws Exception {
        // The HP ProLiant of the fixture, as the listener normalises it.
        String hostId = "mac444444444444";
        ObjectNode facts = TestHosts.facts("/facts/rhel7-vlan.json");
        HostSnapshot snapshot = new HostSnapshot(hostId, "44:44:44:44:44:44", "192.168.1.16", null,
                List.of(new NetworkInterface("eno49_444", "44:44:44:44:44:44", "192.168.1.16", "255.255.255.0", null,
                        444, true), new NetworkInterface("eno1", "44:44:44:44:44:40", null, null, null, null, false)),
                new Hardware(40, 135_071_400_919L, "HP", "ProLiant", 2,
                        List.of(new Disk("sda", 1_000_171_331_584L), new Disk("sr0", 248_512_512L))),
                List.of(ED25519, ECDSA), "3.1.1");

        kafka.send(event(new HostDiscovered(hostId, snapshot, DIGEST)));
        kafka.send(event(new HostFactsRecorded(hostId, DIGEST, facts)));

        await().atMost(TIMEOUT).untilAsserted(() -> asViewer().get(HOSTS + "/{id}", hostId).then()
                .statusCode(200)
                .body("lastFactsAt", notNullValue()));
        asViewer().get(HOSTS + "/{id}", hostId).then()
                .statusCode(200)
                .body("id", is(hostId), "name", is(hostId), "mac", is("44:44:44:44:44:44"), "kind", is("discovered"))
                .body("ipv4", is("192.168.1.16"), "ipv6", nullValue())
                .body("interfaces.name", contains("eno49_444", "eno1"), "interfaces[0].vlanId", is(444),
                        "interfaces[0].netmask", is("255.255.255.0"), "interfaces[1].link", is(false))
                .body("hardware.cpuCount", is(40), "hardware.memoryBytes", is(135_071_400_919L),
                        "hardware.vendor", is("HP"), "hardware.model", is("ProLiant"), "hardware.diskCount", is(2),
                        "hardware.disks.name", contains("sda", "sr0"))
                .body("sshHostKeys.algorithm", contains("ssh-ed25519", "ecdsa-sha2-nistp256"),
                        "sshHostKeys[0].key", is(ED25519.key()))
                .body("discoveryImageVersion", is("3.1.1"), "factsDigest", is(DIGEST))
                .body("state", is("free"), "environment", is("discovery"), "build", is(false), "managed", is(false),
                        "runmode", is("none"), "deploymentId", nullValue(), "role", nullValue())
                .body("createdAt", notNullValue(), "updatedAt", notNullValue());

        String rawFacts = asViewer().get(HOSTS + "/{id}/facts", hostId).then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .header("X-Facts-Digest", DIGEST)
                .extract().asString();
        assertThat(EventCodec.mapper().readTree(rawFacts)).isEqualTo(facts);
    }

    @Test
    void filtersAndPagingSelectHostsInIdOrder() {
        String deployment = TestHosts.newDeploymentId();
        List<String> ids = IntStream.range(0, 5).mapToObj(i -> TestHosts.newHostId()).toList();
        String freeHost = TestHosts.newHostId();
        // Three discovered and two registered hosts in one deployment; roles and states differ.
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            kafka.send(event(i < 3
                    ? new HostDiscovered(id, TestHosts.snapshot(id), null)
                    : new HostRegistered(id, TestHosts.registeredSnapshot(id), null)));
            kafka.send(event(new HostAssigned(id, deployment, "lab", i % 3 == 0 ? "Controller" : "Compute",
                    "discovery")));
        }
        kafka.send(event(new HostStateChanged(ids.get(1), deployment, "deploying", null)));
        kafka.send(event(new HostDiscovered(freeHost, TestHosts.snapshot(freeHost), null)));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            asViewer().queryParam("deployment", deployment).get(HOSTS).then()
                    .statusCode(200).body("total", is(5));
            asViewer().queryParam("state", "deploying").queryParam("deployment", deployment).get(HOSTS).then()
                    .body("total", is(1));
            asViewer().get(HOSTS + "/{id}", freeHost).then().statusCode(200);
        });

        asViewer().queryParam("deployment", deployment).queryParam("size", 2).get(HOSTS).then()
                .statusCode(200)
                .header("X-Total-Count", "5")
                .body("items.id", contains(ids.get(0), ids.get(1)), "page", is(0), "size", is(2), "total", is(5));
        asViewer().queryParam("deployment", deployment).queryParam("size", 2).queryParam("page", 2).get(HOSTS).then()
                .body("items.id", contains(ids.get(4)), "total", is(5));
        asViewer().queryParam("deployment", deployment).queryParam("size", 2).queryParam("page", 3).get(HOSTS).then()
                .body("items", empty(), "total", is(5));
        asViewer().queryParam("deployment", deployment).queryParam("kind", "registered").get(HOSTS).then()
                .body("items.id", contains(ids.get(3), ids.get(4)), "items.kind", everyItem(is("registered")));
        asViewer().queryParam("deployment", deployment).queryParam("role", "Controller").get(HOSTS).then()
                .body("items.id", contains(ids.get(0), ids.get(3)));
        asViewer().queryParam("deployment", deployment).queryParam("state", "deploying").get(HOSTS).then()
                .body("items.id", contains(ids.get(1)), "items[0].state", is("deploying"));
        asViewer().queryParam("deployment", deployment).queryParam("state", "ASSIGNED").queryParam("kind", "discovered")
                .queryParam("role", "Compute").get(HOSTS).then()
                .body("items.id", contains(ids.get(2)));
        asViewer().queryParam("state", "free").queryParam("size", 500).get(HOSTS).then()
                .body("items.id", hasItem(freeHost), "items.id", not(hasItems(ids.get(0))),
                        "items.state", everyItem(is("free")));
    }

    @Test
    void badFilterValuesAreRefusedNamingTheParameterAndWhatItAccepts() {
        asViewer().queryParam("state", "exploded").get(HOSTS).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", is("state"), "detail", containsString("exploded"),
                        "allowed", contains("free", "assigned", "deploying", "deployed", "failed"));
        asViewer().queryParam("kind", "virtual").get(HOSTS).then()
                .statusCode(400)
                .body("field", is("kind"), "allowed", contains("discovered", "registered"));
        for (String size : List.of("0", "501", "ten")) {
            asViewer().queryParam("size", size).get(HOSTS).then()
                    .statusCode(400)
                    .body("field", is("size"), "detail", containsString("1 to 500"));
        }
        asViewer().queryParam("page", "-1").get(HOSTS).then()
                .statusCode(400)
                .body("field", is("page"));
    }

    @Test
    void unknownHostIsNotFoundWithAClearMessage() {
        asViewer().get(HOSTS + "/{id}", "mac000000000bad").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", is("No host with id 'mac000000000bad' in the inventory"));
        asViewer().get(HOSTS + "/{id}/facts", "mac000000000bad").then()
                .statusCode(404)
                .body("detail", containsString("mac000000000bad"));
    }
}
