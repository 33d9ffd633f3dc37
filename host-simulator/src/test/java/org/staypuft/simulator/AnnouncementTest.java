package org.staypuft.simulator;

import java.io.IOException;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.staypuft.simulator.announce.Announcement;
import org.staypuft.simulator.announce.AnnouncementRefusedException;
import org.staypuft.simulator.announce.ListenerClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a simulated host sends the discovery listener, checked the way the listener reads it. */
class AnnouncementTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static HostSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = HostSimulator.start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void discoveryFactsCarryTheHostsOwnMacAddressAndHostKey() throws IOException {
        SimulatedHost host = simulator.addHost(HostSpec.named("Compute-7").role("compute").build());
        String hexMac = host.mac().replace(":", "");
        try (RecordingHttpServer listener = new RecordingHttpServer()) {
            listener.answer(ListenerClient.FACTS_PATH, 201, "application/json", """
                    {"id": "mac%s", "name": "mac%s", "mac": "%s", "ip": "%s", "outcome": "created"}"""
                    .formatted(hexMac, hexMac, host.mac(), host.address().getHostAddress()));

            Announcement announced = host.discoverAt(listener.url());

            assertThat(announced.kind()).isEqualTo(Announcement.Kind.DISCOVERED);
            assertThat(announced.hostId()).isEqualTo("mac" + hexMac);
            assertThat(host.certname()).isEqualTo("mac" + hexMac);
            RecordingHttpServer.Request upload = listener.requests().get(0);
            assertThat(upload.method()).isEqualTo("POST");
            assertThat(upload.contentType()).isEqualTo("application/json");
            JsonNode facts = JSON.readTree(upload.body()).get("facts");
            String address = host.address().getHostAddress();
            // The listener identifies the host by discovery_bootif (else macaddress) and needs an address.
            assertThat(host.mac()).matches("52:54:00(:[0-9a-f]{2}){3}");
            assertThat(facts.get("discovery_bootif").asText()).isEqualToIgnoringCase(host.mac());
            assertThat(facts.get("macaddress").asText()).isEqualToIgnoringCase(host.mac());
            assertThat(facts.get("macaddress_eth0").asText()).isEqualToIgnoringCase(host.mac());
            assertThat(facts.get("discovery_bootip").asText()).isEqualTo(address);
            assertThat(facts.get("ipaddress").asText()).isEqualTo(address);
            assertThat(facts.get("ipaddress_eth0").asText()).isEqualTo(address);
            assertThat(facts.get("hostname").asText()).isEqualTo("compute-7");
            // facter's sshed25519key is the base64 part, whose blob names its algorithm first.
            String key = facts.get("sshed25519key").asText();
            assertThat(host.hostKeyLine()).isEqualTo("ssh-ed25519 " + key);
            assertThat(new String(Base64.getDecoder().decode(key), 4, 11)).isEqualTo("ssh-ed25519");
            // Nothing of the template host that would contradict ours.
            assertThat(facts.has("sshrsakey")).isFalse();
            assertThat(facts.has("ipaddress_br180")).isFalse();
            assertThat(facts.has("macaddress_eth1")).isFalse();
            assertThat(facts.get("interfaces").asText()).isEqualTo("eth0,lo");
            assertThat(facts.get("memorysize").asText()).isEqualTo("15.57 GB");
        }
    }

    @Test
    void registrationIsWhatTheClientInstallerSendsWithItsToken() throws IOException {
        SimulatedHost host = simulator.addHost(HostSpec.named("registered-1").build());
        String hexMac = host.mac().replace(":", "");
        try (RecordingHttpServer listener = new RecordingHttpServer()) {
            listener.answer(ListenerClient.REGISTRATIONS_PATH, 201, "application/json", """
                    {"id": "mac%s", "name": "registered-1", "outcome": "created"}""".formatted(hexMac));

            Announcement announced = host.registerAt(listener.url(), "secret-token");

            assertThat(announced.kind()).isEqualTo(Announcement.Kind.REGISTERED);
            assertThat(announced.hostId()).isEqualTo("mac" + hexMac);
            assertThat(announced.name()).isEqualTo("registered-1");
            RecordingHttpServer.Request registration = listener.requests().get(0);
            assertThat(registration.path()).isEqualTo("/api/v1/registrations");
            assertThat(registration.authorization()).isEqualTo("Bearer secret-token");
            JsonNode body = JSON.readTree(registration.body());
            assertThat(body.get("hostname").asText()).isEqualTo("registered-1");
            assertThat(body.get("address").asText()).isEqualTo(host.address().getHostAddress());
            assertThat(body.get("mac").asText()).isEqualTo(host.mac());
            assertThat(body.get("sshHostKeys")).hasSize(1);
            assertThat(body.get("sshHostKeys").get(0).asText()).isEqualTo(host.hostKeyLine()).startsWith(
                    "ssh-ed25519 AAAA");
            assertThat(body.get("facts").get("ipaddress").asText()).isEqualTo(host.address().getHostAddress());
            assertThat(body.get("facts").has("discovery_bootif")).isFalse();
        }
    }

    @Test
    void aRefusalNamesTheStatusAndTheListenersAnswer() throws IOException {
        SimulatedHost host = simulator.addHost(HostSpec.named("refused").build());
        try (RecordingHttpServer listener = new RecordingHttpServer()) {
            listener.answer(ListenerClient.REGISTRATIONS_PATH, 401, "application/json",
                    "{\"error\": \"registration token unknown\"}");

            assertThatThrownBy(() -> host.registerAt(listener.url(), "wrong"))
                    .isInstanceOf(AnnouncementRefusedException.class)
                    .hasMessageContaining("401").hasMessageContaining("registration token unknown");
            assertThat(host.announcement()).isNull();
        }
    }
}
