package org.staypuft.registry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.EventType;
import org.staypuft.events.host.HostAssigned;
import org.staypuft.events.host.HostConfigurationApplied;
import org.staypuft.events.host.HostConfigurationChanged;
import org.staypuft.events.host.HostDiscovered;
import org.staypuft.events.host.HostRegistered;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.staypuft.registry.TestClassifier.ENC;
import static org.staypuft.registry.TestClassifier.awaitEnc;
import static org.staypuft.registry.TestClassifier.classNames;
import static org.staypuft.registry.TestClassifier.controllerConfiguration;
import static org.staypuft.registry.TestClassifier.enc;
import static org.staypuft.registry.TestHosts.TIMEOUT;
import static org.staypuft.registry.TestHosts.awaitHost;
import static org.staypuft.registry.TestHosts.event;

/** The External Node Classifier as the puppet server sees it: over HTTP, and through the exec terminus script. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class NodeClassificationTest {

    private static final Path ENC_SCRIPT = Path.of("src/main/puppet/staypuft-enc").toAbsolutePath();

    private final KafkaTestClient kafka = KafkaTestClient.ofTestBroker();

    @TestHTTPResource("/api/v1/enc")
    String encUrl;

    @Test
    void classificationFollowsTheHostFromAssignmentThroughPrepareToFinishEachChangeAcknowledged() {
        String id = TestHosts.newHostId();
        String deployment = TestHosts.newDeploymentId();
        kafka.send(event(new HostDiscovered(id, TestHosts.snapshot(id), null)));
        kafka.send(event(new HostAssigned(id, deployment, "overcloud", "Controller", "discovery")));
        kafka.send(event(controllerConfiguration(deployment, "openstack::controller", "openstack::ha")));
        awaitHost(id, "state", is("assigned"));

        JsonNode assigned = enc(id);
        assertThat(assigned.path("environment").asText()).isEqualTo("discovery");
        // Only the puppet-management module in the discovery environment: the role's classes are not there.
        assertThat(classNames(assigned)).containsExactly("puppet_management");
        assertThat(assigned.path("classes").path("puppet_management").path("runmode").asText()).isEqualTo("none");
        assertThat(assigned.path("parameters").path("staypuft_deployment").asText()).isEqualTo(deployment);
        assertThat(assigned.path("parameters").path("staypuft_role").asText()).isEqualTo("Controller");
        assertThat(assigned.path("parameters").path("staypuft_proxy_public_key").asText())
                .isEqualTo(TestProvisioning.PROXY_KEY);

        // Prepare: the orchestrator moves the host to production and waits for the acknowledgement.
        EventEnvelope prepare = event(new HostConfigurationChanged(id, deployment, "production", null));
        kafka.send(prepare);
        HostConfigurationApplied prepared = awaitAcknowledgement(id, prepare);
        assertThat(prepared).isEqualTo(new HostConfigurationApplied(id, deployment, "production", "none",
                prepare.id()));
        // Acknowledged means answered (the deployment's configuration travels on its own topic: waited for here).
        JsonNode production = awaitEnc(id, classification -> classification.path("classes").size() > 1);
        assertThat(production.path("environment").asText()).isEqualTo("production");
        assertThat(classNames(production)).containsExactly("puppet_management", "openstack::controller",
                "openstack::ha");
        assertThat(production.path("classes").path("puppet_management").path("runmode").asText()).isEqualTo("none");

        // Finish: runmode service, the environment stays (null = unchanged).
        EventEnvelope finish = event(new HostConfigurationChanged(id, deployment, null, "service"));
        kafka.send(finish);
        assertThat(awaitAcknowledgement(id, finish)).isEqualTo(new HostConfigurationApplied(id, deployment,
                "production", "service", finish.id()));
        JsonNode finished = enc(id);
        assertThat(finished.path("environment").asText()).isEqualTo("production");
        assertThat(finished.path("classes").path("puppet_management").path("runmode").asText())
                .isEqualTo("service");
    }

    @Test
    void certnameIsTheHostIdOrItsNameAndAnUnknownOneIsNotFound() {
        String id = TestHosts.newHostId();
        String hostname = TestHosts.registeredSnapshot(id).name();
        kafka.send(event(new HostRegistered(id, TestHosts.registeredSnapshot(id), null)));
        awaitHost(id, "kind", is("registered"));

        assertThat(enc(hostname.toUpperCase()).path("parameters").path("staypuft_host_id").asText()).isEqualTo(id);
        assertThat(enc(id).path("environment").asText()).isEqualTo("discovery");
        given().get(ENC, "nobody.example.com").then()
                .statusCode(404)
                .body("detail", containsString("nobody.example.com"));
    }

    /** The script Puppet's exec node terminus runs, run by Debian's real Puppet against this registry. */
    @Test
    void puppetsExecNodeTerminusClassifiesThroughTheScript() throws Exception {
        assumeThat(Path.of("/usr/bin/puppet")).as("Debian's puppet package (.ci/install-packages)").exists();
        String id = TestHosts.newHostId();
        String deployment = TestHosts.newDeploymentId();
        kafka.send(event(new HostDiscovered(id, TestHosts.snapshot(id), null)));
        kafka.send(event(new HostAssigned(id, deployment, "overcloud", "Controller", "discovery")));
        kafka.send(event(controllerConfiguration(deployment, "openstack::controller", "openstack::ha")));
        EventEnvelope prepare = event(new HostConfigurationChanged(id, deployment, "production", null));
        kafka.send(prepare);
        awaitAcknowledgement(id, prepare);
        awaitEnc(id, classification -> classification.path("classes").has("openstack::ha"));

        PuppetResult found = puppetNodeFind(id);
        assertThat(found.exitCode()).as(found.stderr()).isZero();
        JsonNode node = new ObjectMapper().readTree(found.stdout());
        assertThat(node.path("environment").asText()).isEqualTo("production");
        assertThat(node.path("classes").path("puppet_management").path("runmode").asText()).isEqualTo("none");
        assertThat(node.path("classes").has("openstack::ha")).isTrue();
        assertThat(node.path("parameters").path("staypuft_proxy_public_key").asText())
                .isEqualTo(TestProvisioning.PROXY_KEY);

        PuppetResult unknown = puppetNodeFind("mac000000000000");
        assertThat(unknown.exitCode()).isNotZero();
        // Puppet keeps the script's own message to itself; what it reports is the failed lookup and the exit code.
        assertThat(unknown.stderr()).contains("Failed to find mac000000000000 via exec").contains("returned 1");
    }

    private record PuppetResult(int exitCode, String stdout, String stderr) {
    }

    /** {@code puppet node find} with the terminus settings a puppet server's puppet.conf would have. */
    private PuppetResult puppetNodeFind(String certname) throws Exception {
        Path puppetDir = Files.createTempDirectory("staypuft-puppet");
        Path stdout = puppetDir.resolve("stdout");
        Path stderr = puppetDir.resolve("stderr");
        Process puppet = new ProcessBuilder("puppet", "node", "find", certname,
                "--confdir", puppetDir.resolve("conf").toString(), "--vardir", puppetDir.resolve("var").toString(),
                "--codedir", puppetDir.resolve("code").toString(), "--logdir", puppetDir.resolve("log").toString(),
                "--rundir", puppetDir.resolve("run").toString(),
                "--terminus", "exec", "--external_nodes", ENC_SCRIPT + " --url " + encUrl,
                "--render-as", "json")
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertThat(puppet.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("puppet node find finished").isTrue();
        return new PuppetResult(puppet.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    private HostConfigurationApplied awaitAcknowledgement(String hostId, EventEnvelope change) {
        return TestHosts.awaitEvent(kafka, EventType.HOST_CONFIGURATION_APPLIED, hostId,
                (HostConfigurationApplied applied) -> change.id().equals(applied.causationId()));
    }
}
