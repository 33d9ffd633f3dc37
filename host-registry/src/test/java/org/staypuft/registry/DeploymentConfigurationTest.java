package org.staypuft.registry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.staypuft.events.EventCodec;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.EventType;
import org.staypuft.events.Topics;
import org.staypuft.events.deployment.DeploymentConfigured;
import org.staypuft.events.deployment.DeploymentTriggered;
import org.staypuft.events.deployment.RoleConfiguration;
import org.staypuft.events.host.HostAssigned;
import org.staypuft.events.host.HostConfigurationApplied;
import org.staypuft.events.host.HostConfigurationChanged;
import org.staypuft.events.host.HostDiscovered;
import org.staypuft.registry.messaging.Channels;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.staypuft.registry.TestClassifier.ENC;
import static org.staypuft.registry.TestClassifier.awaitEnc;
import static org.staypuft.registry.TestClassifier.classNames;
import static org.staypuft.registry.TestClassifier.enc;
import static org.staypuft.registry.TestHosts.TIMEOUT;
import static org.staypuft.registry.TestHosts.awaitHost;
import static org.staypuft.registry.TestHosts.event;

/**
 * The classifier answers with the deployment's parameters and the role's classes and parameters from
 * deployment-configured, which travels on the deployment topic, apart from the host's events: whichever arrives
 * first, the answer reflects both once both are there, and never a catalog without the role's classes.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class DeploymentConfigurationTest {

    private final KafkaTestClient kafka = KafkaTestClient.ofTestBroker();

    @Test
    void configurationArrivingAfterTheAssignmentIsMergedAndAReconfigurationReplacesIt() {
        String id = TestHosts.newHostId();
        String deployment = TestHosts.newDeploymentId();
        kafka.send(event(new HostDiscovered(id, TestHosts.snapshot(id), null)));
        kafka.send(event(new HostAssigned(id, deployment, "overcloud", "controller", "discovery")));
        awaitHost(id, "state", is("assigned"));

        // Discovery environment: only puppet_management, so nothing is missing without the configuration.
        JsonNode discovery = enc(id);
        assertThat(classNames(discovery)).containsExactly("puppet_management");
        assertThat(discovery.path("parameters").path("staypuft_role").asText()).isEqualTo("controller");
        // Production without the role's classes would compile an empty catalog: the lookup fails instead.
        production(id, deployment);
        given().get(ENC, id).then().statusCode(503)
                .body("detail", containsString("the configuration of deployment " + deployment
                        + " has not reached the host registry yet"));

        kafka.send(event(new DeploymentConfigured(deployment, "overcloud",
                Map.of("ntp_servers", "pool.ntp.org", "log_level", "info", "staypuft_role", "forged"),
                List.of(new RoleConfiguration("controller", List.of("quickstack::pacemaker", "quickstack::controller"),
                        Map.of("log_level", "debug", "vip", "192.0.2.10", "staypuft_host_id", "forged"))))));

        JsonNode configured = awaitEnc(id, classification -> classification.path("classes").size() > 1);
        assertThat(classNames(configured)).containsExactly("puppet_management", "quickstack::pacemaker",
                "quickstack::controller");
        JsonNode parameters = configured.path("parameters");
        assertThat(parameters.path("ntp_servers").asText()).isEqualTo("pool.ntp.org");
        assertThat(parameters.path("log_level").asText()).as("the role's value wins").isEqualTo("debug");
        assertThat(parameters.path("vip").asText()).isEqualTo("192.0.2.10");
        assertThat(parameters.path("staypuft_role").asText()).as("the registry's own wins").isEqualTo("controller");
        assertThat(parameters.path("staypuft_host_id").asText()).isEqualTo(id);
        assertThat(parameters.path("staypuft_deployment").asText()).isEqualTo(deployment);

        // Reconfigured (renamed, other classes, a parameter gone): the next answer is the new configuration only.
        kafka.send(event(new DeploymentConfigured(deployment, "overcloud-2", Map.of("log_level", "info"),
                List.of(new RoleConfiguration("controller", List.of("quickstack::controller_v2"), Map.of())))));

        JsonNode reconfigured = awaitEnc(id,
                classification -> classification.path("classes").has("quickstack::controller_v2"));
        assertThat(classNames(reconfigured)).containsExactly("puppet_management", "quickstack::controller_v2");
        assertThat(reconfigured.path("parameters").path("log_level").asText()).isEqualTo("info");
        assertThat(reconfigured.path("parameters").has("vip")).isFalse();
        assertThat(reconfigured.path("parameters").has("ntp_servers")).isFalse();
        assertThat(reconfigured.path("parameters").path("staypuft_deployment_name").asText())
                .isEqualTo("overcloud-2");
    }

    @Test
    void configurationArrivingFirstAppliesOnceTheHostIsAssignedAndARoleItLacksIsNotClassified() {
        String id = TestHosts.newHostId();
        String other = TestHosts.newHostId();
        String deployment = TestHosts.newDeploymentId();
        kafka.send(event(new DeploymentConfigured(deployment, "lab", Map.of("site", "lab-1"),
                List.of(new RoleConfiguration("compute", List.of("quickstack::compute"), Map.of())))));
        // Run events on the topic are not the registry's business and change nothing.
        kafka.send(event(new DeploymentTriggered(deployment, "lab", "run-1", false, List.of("compute"), 1,
                "alice")));
        kafka.send(event(new HostDiscovered(id, TestHosts.snapshot(id), null)));
        kafka.send(event(new HostAssigned(id, deployment, "lab", "compute", "discovery")));
        kafka.send(event(new HostDiscovered(other, TestHosts.snapshot(other), null)));
        kafka.send(event(new HostAssigned(other, deployment, "lab", "storage", "discovery")));
        awaitHost(id, "state", is("assigned"));
        awaitHost(other, "state", is("assigned"));

        // Parameters are there in the discovery environment too.
        awaitEnc(id, classification -> "lab-1".equals(classification.path("parameters").path("site").asText()));
        production(id, deployment);
        production(other, deployment);

        assertThat(classNames(awaitEnc(id, classification -> true))).containsExactly("puppet_management",
                "quickstack::compute");
        given().get(ENC, other).then().statusCode(503)
                .body("detail", containsString("received so far has no role storage"));

        kafka.send(event(new DeploymentConfigured(deployment, "lab", Map.of("site", "lab-1"), List.of(
                new RoleConfiguration("compute", List.of("quickstack::compute"), Map.of()),
                new RoleConfiguration("storage", List.of("quickstack::ceph"), Map.of())))));
        assertThat(classNames(awaitEnc(other, classification -> true))).containsExactly("puppet_management",
                "quickstack::ceph");
    }

    @Test
    void aConfigurationPuppetCouldNotCompileIsDeadLetteredAndThePreviousOneStays() {
        String id = TestHosts.newHostId();
        String deployment = TestHosts.newDeploymentId();
        kafka.send(event(new HostDiscovered(id, TestHosts.snapshot(id), null)));
        kafka.send(event(new HostAssigned(id, deployment, "lab", "compute", "discovery")));
        kafka.send(event(new DeploymentConfigured(deployment, "lab", Map.of(),
                List.of(new RoleConfiguration("compute", List.of("quickstack::compute"), Map.of())))));
        awaitHost(id, "state", is("assigned"));
        production(id, deployment);
        awaitEnc(id, classification -> classification.path("classes").has("quickstack::compute"));

        EventEnvelope broken = event(new DeploymentConfigured(deployment, "lab", Map.of(),
                List.of(new RoleConfiguration("compute", List.of("Quickstack::Compute; exec"), Map.of()))));
        kafka.send(broken);

        // The dead-letter topic appears with its first record: until then reading it fails.
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(kafka.read(
                Channels.DEAD_LETTER_TOPIC, record -> deployment.equals(record.key()), 1,
                Duration.ofSeconds(5))).singleElement().satisfies(record -> {
                    assertThat(EventCodec.header(record.headers(), "dead-letter-topic"))
                            .isEqualTo(Topics.DEPLOYMENT_EVENTS);
                    assertThat(EventCodec.header(record.headers(), "dead-letter-reason"))
                            .contains("'Quickstack::Compute; exec' is not a Puppet class name");
                    assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("Quickstack::Compute");
                }));
        assertThat(classNames(enc(id))).containsExactly("puppet_management", "quickstack::compute");
    }

    /** The orchestrator moves the host to production; waits for the registry's acknowledgement. */
    private void production(String hostId, String deployment) {
        EventEnvelope change = event(new HostConfigurationChanged(hostId, deployment, "production", null));
        kafka.send(change);
        TestHosts.awaitEvent(kafka, EventType.HOST_CONFIGURATION_APPLIED, hostId,
                (HostConfigurationApplied applied) -> change.id().equals(applied.causationId()));
    }
}
