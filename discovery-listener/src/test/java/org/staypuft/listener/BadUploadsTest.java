package org.staypuft.listener;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.staypuft.events.EventCodec;
import org.staypuft.events.Topics;
import org.staypuft.events.host.HostDiscovered;
import org.staypuft.events.host.HostFactsRecorded;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Uploads we refuse, each with a clear answer naming the problem, and the big one we take. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class BadUploadsTest {

    private static final String FACTS_URL = "/api/v2/discovered_hosts/facts";

    @Inject
    EntityManager entityManager;

    @TestHTTPResource(FACTS_URL)
    URI factsUri;

    @Test
    void refusedUploadsNameTheProblemAndPublishNothing() {
        PublishedEvents published = new PublishedEvents(entityManager);
        Map<TopicPartition, Long> before = published.drained();

        ObjectNode invalidMac = Fixtures.factsWithMac("dell_vlan", Fixtures.randomMac());
        invalidMac.put("discovery_bootif", "24:6e:96:5a:f7:zz");
        refused(Fixtures.upload(invalidMac), "facts.discovery_bootif", "invalid MAC address in discovery_bootif");

        ObjectNode invalidBootIp = Fixtures.factsWithMac("dell_vlan", Fixtures.randomMac());
        invalidBootIp.put("discovery_bootip", "10.26.48.300");
        refused(Fixtures.upload(invalidBootIp), "facts.discovery_bootip", "invalid IP address in discovery_bootip");

        ObjectNode invalidIp = Fixtures.factsWithMac("simple-bond", Fixtures.randomMac());
        invalidIp.put("ipaddress", "192.168.99.48; reboot");
        refused(Fixtures.upload(invalidIp), "facts.ipaddress", "invalid IP address in ipaddress");

        ObjectNode invalidIpv6 = Fixtures.factsWithMac("only-ipv6", Fixtures.randomMac());
        invalidIpv6.put("ipaddress6", "2001:db8::g1");
        refused(Fixtures.upload(invalidIpv6), "facts.ipaddress6", "invalid IP address in ipaddress6");

        refused("{\"facts\": {\"macaddress\": \"52:54:00:12:34:56\",", "body", "malformed JSON at line 1");
        refused("", "body", "malformed JSON: the body is empty");
        refused("[1, 2]", "body", "the body must be a JSON object");
        refused("{\"name\": \"fdi\"}", "facts", "the body has no facts object");
        refused("{\"facts\": \"macaddress=52:54:00:12:34:56\"}", "facts", "facts must be a JSON object");

        published.assertNothingPublishedSince(before);
    }

    @Test
    void bodiesOverOneMebibyteAreRefusedWith413() throws Exception {
        PublishedEvents published = new PublishedEvents(entityManager);
        Map<TopicPartition, Long> before = published.drained();

        for (int size : List.of(1024 * 1024 + 1, 1024 * 1024 + 100 * 1024)) {
            given().contentType(ContentType.JSON).body(paddedUpload(size))
                    .when().post(FACTS_URL)
                    .then().statusCode(413)
                    .contentType("application/problem+json")
                    .body("field", equalTo("body"))
                    .body("detail", startsWith("the body is larger than 1 MiB (1048576 bytes): " + size + " bytes"));
        }

        // A client that asks first (Expect: 100-continue) is answered without sending the body.
        assertThat(askBeforeSending(2 * 1024 * 1024)).startsWith("HTTP/1.1 413")
                .contains("the body is larger than 1 MiB");

        // Streamed (chunked, no Content-Length): the same answer once the limit is passed.
        HttpResponse<String> streamed = postStreamed(paddedUpload(1024 * 1024 + 100 * 1024));
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(streamed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(streamed.body()).contains("\"field\":\"body\"", "the body is larger than 1 MiB");

        published.assertNothingPublishedSince(before);
    }

    @Test
    void aStreamedUploadWithinTheLimitIsTaken() throws Exception {
        String mac = Fixtures.randomMac();
        HttpResponse<String> streamed = postStreamed(Fixtures.upload(Fixtures.factsWithMac("rhel7-vlan", mac)));
        assertThat(streamed.statusCode()).isEqualTo(201);
        assertThat(streamed.body()).contains("\"id\":\"" + Fixtures.hostId(mac) + "\"");
    }

    @Test
    void aThousandDiskUploadIsTakenWithDisksCappedInTheEvent() {
        String mac = Fixtures.randomMac();
        String hostId = Fixtures.hostId(mac);
        ObjectNode facts = Fixtures.factsWithMac("dell_vlan", mac);
        List<String> disks = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String disk = "sd" + linuxDiskSuffix(i);
            disks.add(disk);
            facts.put("blockdevice_" + disk + "_size", 1_000_204_886_016L + i);
            facts.put("blockdevice_" + disk + "_vendor", "SEAGATE");
            facts.put("blockdevice_" + disk + "_model", "ST1000NM0033-9ZM173 SAS LUN " + i);
        }
        facts.put("blockdevices", String.join(",", disks));
        String body = Fixtures.upload(facts);
        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isBetween(150_000, 200_000);

        given().contentType(ContentType.JSON).body(body)
                .when().post(FACTS_URL)
                .then().statusCode(201).body("id", equalTo(hostId));

        PublishedEvents published = new PublishedEvents(entityManager);
        List<ConsumerRecord<String, byte[]>> events = published.ofHost(Topics.HOST_EVENTS, hostId, 1);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).value().length).isLessThan(64 * 1024);
        HostDiscovered discovered = EventCodec.decodePayload(events.get(0).value(), HostDiscovered.class);
        // The thousand plus the fixture's DVD drive, sr0.
        assertThat(discovered.host().hardware().diskCount()).isEqualTo(1001);
        assertThat(discovered.host().hardware().disks()).hasSize(64);
        assertThat(discovered.host().hardware().disks().get(0).name()).isEqualTo("sda");
        assertThat(discovered.host().hardware().disks().get(0).sizeBytes()).isEqualTo(1_000_204_886_016L);

        List<ConsumerRecord<String, byte[]>> recorded = published.ofHost(Topics.HOST_FACTS, hostId, 1);
        assertThat(recorded).hasSize(1);
        assertThat(EventCodec.decodePayload(recorded.get(0).value(), HostFactsRecorded.class).facts())
                .isEqualTo(facts);
    }

    /** Posts without a Content-Length: the JDK client sends an input stream chunked. */
    private HttpResponse<String> postStreamed(String body) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(factsUri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends only the head of a request announcing {@code length} bytes with {@code Expect: 100-continue}, and reads
     * the answer (raw, since the JDK client of Java 17 hangs on a final answer to 100-continue, JDK-8286171).
     */
    private String askBeforeSending(int length) throws IOException {
        try (Socket socket = new Socket(factsUri.getHost(), factsUri.getPort())) {
            socket.setSoTimeout(30_000);
            String head = "POST " + FACTS_URL + " HTTP/1.1\r\nHost: " + factsUri.getHost() + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n"
                    + "Expect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // The server hangs up after its answer.
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** sda..sdz, sdaa..sdzz, sdaaa..: how Linux names SCSI disks. */
    private static String linuxDiskSuffix(int index) {
        StringBuilder suffix = new StringBuilder();
        int n = index;
        do {
            suffix.insert(0, (char) ('a' + n % 26));
            n = n / 26 - 1;
        } while (n >= 0);
        return suffix.toString();
    }

    /** A well-formed upload of exactly {@code size} bytes. */
    private static String paddedUpload(int size) {
        ObjectNode facts = Fixtures.factsWithMac("vmware_local", Fixtures.randomMac());
        facts.put("padding", "");
        String small = Fixtures.upload(facts);
        int missing = size - small.getBytes(StandardCharsets.UTF_8).length;
        facts.put("padding", "x".repeat(missing));
        String padded = Fixtures.upload(facts);
        assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(size);
        return padded;
    }

    private static void refused(String body, String field, String errorStart) {
        given().contentType(ContentType.JSON).body(body)
                .when().post(FACTS_URL)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo(field))
                .body("detail", startsWith(errorStart));
    }
}
