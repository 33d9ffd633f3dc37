package org.staypuft.simulator.cli;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.staypuft.simulator.HostSimulator;
import org.staypuft.simulator.RecordingHttpServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorMainTest {

    @Test
    void layoutsSplitHostsIntoRolesInOrder() {
        assertThat(Layout.parse("openstack").roles(5))
                .containsExactly("controller", "controller", "controller", "compute", "compute");
        assertThat(Layout.parse("controller:1,ceph:2,compute:*").roles(4))
                .containsExactly("controller", "ceph", "ceph", "compute");
        assertThatThrownBy(() -> Layout.parse("a:*,b:*")).hasMessageContaining("Only one role");
    }

    @Test
    void startsHostsAndDescribesThemAsJson() throws Exception {
        Map<String, List<String>> options = SimulatorMain.parse(new String[]{"--hosts", "4", "--layout",
                "controller:1,compute:*", "--first-address", "127.3.0.1", "--ssh-port", "0", "--proxy-port", "-1"});
        try (HostSimulator simulator = SimulatorMain.start(options)) {
            JsonNode hosts = new ObjectMapper().readTree(SimulatorMain.describe(simulator.hosts())).get("hosts");

            assertThat(hosts).hasSize(4);
            assertThat(hosts.get(0).get("name").asText()).isEqualTo("controller-1");
            assertThat(hosts.get(0).get("address").asText()).isEqualTo("127.3.0.1");
            assertThat(hosts.get(3).get("name").asText()).isEqualTo("compute-3");
            assertThat(hosts.get(3).get("sshPort").asInt()).isPositive();
            assertThat(hosts.get(3).get("hostKey").asText()).startsWith("ssh-ed25519 AAAA");
        }
    }

    @Test
    void announcesHalfTheHostsByRegistrationAndPrintsTheirHostIds() throws Exception {
        try (RecordingHttpServer listener = new RecordingHttpServer()) {
            listener.answer("/api/v2/discovered_hosts/facts", 201, "application/json",
                    "{\"id\": \"mac525400030101\", \"name\": \"mac525400030101\", \"outcome\": \"created\"}");
            listener.answer("/api/v1/registrations", 201, "application/json",
                    "{\"id\": \"mac525400030102\", \"name\": \"generic-2\", \"outcome\": \"created\"}");
            Map<String, List<String>> options = SimulatorMain.parse(new String[]{"--hosts", "4", "--layout",
                    "generic", "--first-address", "127.3.1.1", "--ssh-port", "0", "--proxy-port", "-1",
                    "--listener-url", listener.url().toString(), "--registration-token", "tok",
                    "--registered-fraction", "0.5"});
            try (HostSimulator simulator = SimulatorMain.start(options)) {
                Map<String, String> refusals = SimulatorMain.announce(simulator, options);
                JsonNode hosts = new ObjectMapper().readTree(SimulatorMain.describe(simulator.hosts(), refusals))
                        .get("hosts");

                assertThat(refusals).isEmpty();
                assertThat(hosts).extracting(host -> host.get("announcedAs").asText())
                        .containsExactly("discovered", "registered", "discovered", "registered");
                assertThat(hosts.get(1).get("hostId").asText()).isEqualTo("mac525400030102");
                assertThat(listener.requestsTo("/api/v1/registrations")).hasSize(2)
                        .allSatisfy(request -> assertThat(request.authorization()).isEqualTo("Bearer tok"));
            }
        }
    }

    @Test
    void registeringWithoutATokenOrListenerIsAUsageError() {
        assertThatThrownBy(() -> SimulatorMain.start(SimulatorMain.parse(new String[]{"--listener-url",
                "http://localhost:8081", "--register"}))).hasMessageContaining("--registration-token");
        assertThatThrownBy(() -> SimulatorMain.start(SimulatorMain.parse(new String[]{"--register"})))
                .hasMessageContaining("need --listener-url");
    }
}
