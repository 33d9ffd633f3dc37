package org.staypuft.listener;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.staypuft.events.EventCodec;
import org.staypuft.events.Topics;
import org.staypuft.events.host.Disk;
import org.staypuft.events.host.HostDiscovered;
import org.staypuft.events.host.HostFactsRecorded;
import org.staypuft.events.host.NetworkInterface;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.equalTo;

/** Every real discovery image upload of the fixtures, posted as the image posts it. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class DiscoveryFixturesTest {

    private static final String FACTS_URL = "/api/v2/discovered_hosts/facts";

    @Inject
    EntityManager entityManager;

    /** What each fixture must give; keys are the fact names whose (valid) keys the host reports. */
    static Stream<Arguments> fixtures() {
        return Stream.of(
                expect("regular_host", "e4:1f:13:cc:36:58", "10.35.27.2", null, List.of(), "eth0_181", 181),
                expect("rhel7-vlan", "44:44:44:44:44:44", "192.168.1.16", null, List.of(), "eno49_444", 444),
                expect("dell_vlan", "24:6e:96:5a:f7:35", "10.26.48.106", null, List.of(), "eno2_2905", 2905),
                expect("simple-bond", "52:54:00:00:00:99", "192.168.99.48", null,
                        List.of("sshrsakey", "sshecdsakey", "sshed25519key"), null, null),
                expect("vmware_local", "00:50:56:bb:8b:cd", "10.26.48.40", null,
                        List.of("sshrsakey", "sshecdsakey", "sshed25519key"), null, null),
                expect("only-ipv6", "52:54:00:fb:f4:1d", null, "2001:db8::1",
                        List.of("sshrsakey", "sshecdsakey", "sshed25519key"), null, null));
    }

    private static Arguments expect(String fixture, String mac, String ipv4, String ipv6, List<String> keyFacts,
            String vlanInterface, Integer vlanId) {
        return Arguments.of(fixture, mac, ipv4, ipv6, keyFacts, vlanInterface, vlanId);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void uploadOfARealHostAnnouncesIt(String fixture, String mac, String ipv4, String ipv6, List<String> keyFacts,
            String vlanInterface, Integer vlanId) {
        ObjectNode facts = Fixtures.facts(fixture);
        String hostId = Fixtures.hostId(mac);

        given().contentType(ContentType.JSON).body(Fixtures.upload(facts))
                .when().post(FACTS_URL)
                .then().statusCode(201)
                .body("id", equalTo(hostId))
                .body("name", equalTo(hostId));

        PublishedEvents published = new PublishedEvents(entityManager);
        List<ConsumerRecord<String, byte[]>> records = published.ofHost(Topics.HOST_EVENTS, hostId, 1);
        assertThat(records).hasSize(1);
        ConsumerRecord<String, byte[]> record = records.get(0);
        assertThat(PublishedEvents.type(record)).isEqualTo("org.staypuft.host.discovered.v1");
        assertThat(PublishedEvents.header(record, "ce_subject")).isEqualTo(hostId).isEqualTo(record.key());
        assertThat(PublishedEvents.header(record, "ce_source")).isEqualTo("/staypuft/discovery-listener");
        assertThat(PublishedEvents.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(PublishedEvents.header(record, "content-type")).isEqualTo("application/json");
        ContractSchemas.assertValid(record);

        HostDiscovered discovered = EventCodec.decodePayload(record.value(), HostDiscovered.class);
        assertThat(discovered.hostId()).isEqualTo(hostId);
        assertThat(discovered.host().name()).isEqualTo(hostId);
        assertThat(discovered.host().mac()).isEqualTo(mac);
        assertThat(discovered.host().ipv4()).isEqualTo(ipv4);
        assertThat(discovered.host().ipv6()).isEqualTo(ipv6);
        assertThat(discovered.host().sshHostKeys()).extracting(SshHostKey::key)
                .containsExactlyElementsOf(keyFacts.stream().map(name -> facts.get(name).asText()).toList());
        assertThat(discovered.host().sshHostKeys()).extracting(SshHostKey::algorithm)
                .allSatisfy(algorithm -> assertThat(algorithm)
                        .isIn("ssh-rsa", "ecdsa-sha2-nistp256", "ssh-ed25519"));
        assertThat(discovered.host().discoveryImageVersion())
                .isEqualTo(facts.has("discovery_version") ? facts.get("discovery_version").asText() : null);
        assertThat(discovered.host().hardware().cpuCount()).isEqualTo(facts.get("processorcount").asInt());
        assertThat(discovered.host().interfaces()).extracting(NetworkInterface::name).doesNotContain("lo");
        assertThat(discovered.host().interfaces()).filteredOn(nic -> mac.equals(nic.mac())).isNotEmpty();
        if (vlanInterface != null) {
            assertThat(discovered.host().interfaces()).filteredOn(nic -> vlanInterface.equals(nic.name()))
                    .singleElement().satisfies(nic -> {
                        assertThat(nic.vlanId()).isEqualTo(vlanId);
                        assertThat(nic.ipv4()).isEqualTo(facts.path("ipaddress_" + vlanInterface).asText(null));
                    });
        }
        assertThat(discovered.factsDigest()).isEqualTo(canonicalDigest(facts));

        List<ConsumerRecord<String, byte[]>> factRecords = published.ofHost(Topics.HOST_FACTS, hostId, 1);
        assertThat(factRecords).hasSize(1);
        assertThat(PublishedEvents.type(factRecords.get(0))).isEqualTo("org.staypuft.host.facts-recorded.v1");
        HostFactsRecorded recorded = EventCodec.decodePayload(factRecords.get(0).value(), HostFactsRecorded.class);
        assertThat(recorded.factsDigest()).isEqualTo(discovered.factsDigest());
        assertThat(recorded.facts()).isEqualTo(facts);
    }

    /** Facter 3+ reports some facts only as structured values; the discovery image may send those alone. */
    @Test
    void structuredFactsOfNewerFacterAreRead() throws IOException {
        String mac = Fixtures.randomMac();
        String ed25519 = Fixtures.facts("vmware_local").get("sshed25519key").asText();
        ObjectNode facts = (ObjectNode) EventCodec.mapper().readTree("""
                {
                  "discovery_bootif": "%s", "ipaddress": "192.0.2.50", "ipaddress6": "fe80::1",
                  "processors": {"count": 16, "physicalcount": 2},
                  "memory": {"system": {"total_bytes": 68719476736}},
                  "dmi": {"manufacturer": "Lenovo", "product": {"name": "ThinkSystem SR650"}},
                  "networking": {"interfaces": {
                    "ens1f0": {"mac": "%s", "ip": "192.0.2.50", "netmask": "255.255.255.0", "ip6": "2001:db8::50"},
                    "ens1f0.300": {"mac": "%s", "ip": "198.51.100.50"},
                    "lo": {"ip": "127.0.0.1"}}},
                  "disks": {"nvme0n1": {"size_bytes": 960197124096}, "sda": {"size_bytes": 480103981056}},
                  "ssh": {"ed25519": {"key": "%s", "type": "ssh-ed25519"},
                          "rsa": {"key": "AAAAB3NzaC1yc2EXXXX", "type": "ssh-rsa"}}
                }""".formatted(mac, mac, mac, ed25519));
        String hostId = Fixtures.hostId(mac);

        given().contentType(ContentType.JSON).body(Fixtures.upload(facts))
                .when().post(FACTS_URL)
                .then().statusCode(201).body("id", equalTo(hostId));

        List<ConsumerRecord<String, byte[]>> records = new PublishedEvents(entityManager)
                .ofHost(Topics.HOST_EVENTS, hostId, 1);
        assertThat(records).hasSize(1);
        ContractSchemas.assertValid(records.get(0));
        HostDiscovered discovered = EventCodec.decodePayload(records.get(0).value(), HostDiscovered.class);
        assertThat(discovered.host().ipv4()).isEqualTo("192.0.2.50");
        assertThat(discovered.host().ipv6()).as("a link-local address is no host address").isNull();
        assertThat(discovered.host().hardware().cpuCount()).isEqualTo(16);
        assertThat(discovered.host().hardware().memoryBytes()).isEqualTo(68_719_476_736L);
        assertThat(discovered.host().hardware().vendor()).isEqualTo("Lenovo");
        assertThat(discovered.host().hardware().model()).isEqualTo("ThinkSystem SR650");
        assertThat(discovered.host().hardware().disks()).extracting(Disk::name, Disk::sizeBytes)
                .containsExactly(tuple("nvme0n1", 960_197_124_096L), tuple("sda", 480_103_981_056L));
        assertThat(discovered.host().interfaces()).extracting(NetworkInterface::name, NetworkInterface::ipv4,
                NetworkInterface::ipv6, NetworkInterface::vlanId).containsExactly(
                        tuple("ens1f0", "192.0.2.50", "2001:db8::50", null),
                        tuple("ens1f0.300", "198.51.100.50", null, 300));
        assertThat(discovered.host().sshHostKeys()).containsExactly(new SshHostKey("ssh-ed25519", ed25519));
    }

    @Test
    void uploadWithoutMacOrAddressIsRefusedAndPublishesNothing() {
        PublishedEvents published = new PublishedEvents(entityManager);
        Map<TopicPartition, Long> before = published.drained();
        long hostsBefore = published.count("SELECT count(*) FROM known_host");

        given().contentType(ContentType.JSON).body(Fixtures.upload(Fixtures.facts("default")))
                .when().post(FACTS_URL)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("facts.discovery_bootif"))
                .body("detail", equalTo("missing MAC: the facts have neither discovery_bootif nor macaddress"));

        ObjectNode withMacOnly = Fixtures.facts("default");
        withMacOnly.put("macaddress", Fixtures.randomMac());
        given().contentType(ContentType.JSON).body(Fixtures.upload(withMacOnly))
                .when().post(FACTS_URL)
                .then().statusCode(400)
                .body("field", equalTo("facts.discovery_bootip"))
                .body("detail", equalTo("missing address: the facts have none of discovery_bootip, ipaddress, "
                        + "ipaddress6"));

        published.assertNothingPublishedSince(before);
        assertThat(published.count("SELECT count(*) FROM known_host")).isEqualTo(hostsBefore);
    }

    /** Computed here independently of the listener: keys sorted at every level, no whitespace. */
    static String canonicalDigest(ObjectNode facts) {
        ObjectMapper sorting = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
        Map<String, Object> tree = sorting.convertValue(facts, new TypeReference<TreeMap<String, Object>>() {
        });
        try {
            byte[] canonical = sorting.writeValueAsBytes(tree);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
