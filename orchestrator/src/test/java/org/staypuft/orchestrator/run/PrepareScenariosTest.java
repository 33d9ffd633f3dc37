package org.staypuft.orchestrator.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.Topics;
import org.staypuft.events.deployment.HostFailed;
import org.staypuft.events.host.HostConfigurationChanged;
import org.staypuft.events.host.HostStateChanged;
import org.staypuft.events.host.SshAccess;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.events.provisioning.ProvisioningRequested;
import org.staypuft.events.puppet.RunPurpose;
import org.staypuft.orchestrator.testing.Api;
import org.staypuft.orchestrator.testing.DeploymentEvents;
import org.staypuft.orchestrator.testing.Hosts;
import org.staypuft.orchestrator.testing.PuppetSideResponder;
import org.staypuft.orchestrator.testing.PuppetSideResponder.Received;
import org.staypuft.orchestrator.testing.SharedResponder;
import org.staypuft.orchestrator.testing.Specs;
import org.staypuft.testsupport.KafkaTestClient;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.equalTo;
import static org.staypuft.orchestrator.testing.Specs.deployment;
import static org.staypuft.orchestrator.testing.Specs.role;

/** Both scenarios of the seed prepare their hosts their own way before the roles' puppet runs. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class PrepareScenariosTest {

    private static final KafkaTestClient KAFKA = KafkaTestClient.ofTestBroker();
    private static final List<SshHostKey> NEW_KEYS = List.of(new SshHostKey("ssh-ed25519", "AAAAinstalled"),
            new SshHostKey("ecdsa-sha2-nistp256", "AAAAinstalled2"));
    private final PuppetSideResponder responder = SharedResponder.get();

    @Test
    void discoveredHostIsProvisionedAndRegisteredHostGetsAPrepareRunInDiscovery() {
        String discovered = Hosts.newId("disc");
        String registered = Hosts.newId("reg");
        Hosts.discovered(KAFKA, discovered);
        Hosts.registered(KAFKA, registered);
        responder.script(discovered, "controller").builtKeys = NEW_KEYS;
        responder.script(registered, "controller");
        Api.awaitHostsKnown(List.of(discovered, registered));
        String id = Api.createDeployment(deployment(Specs.unique("scenarios"), List.of(role("controller",
                List.of(), List.of(discovered, registered), "timeouts", Map.of("sshReadySeconds", 900)))));

        String runId = Api.startRun(id);

        Api.awaitRun(runId, "COMPLETED", Duration.ofSeconds(60)).body("run.counts.deployed", equalTo(2));
        Api.runHosts(runId)
                .body("hosts.find { it.hostId == '" + discovered + "' }.route", equalTo("PROVISION"))
                .body("hosts.find { it.hostId == '" + registered + "' }.route", equalTo("PREPARE_RUN"));

        // Discovered: provisioning, then the deploy run with the installed system's keys and the long SSH wait.
        assertThat(responder.received(discovered)).extracting(Received::kind, Received::purpose,
                Received::environment).containsExactly(tuple("provision", null, null),
                        tuple("puppet-run", RunPurpose.DEPLOY, "production"),
                        tuple("puppet-run", RunPurpose.ENABLE_AGENT, "production"));
        Received firstRun = responder.received(discovered).get(1);
        assertThat(firstRun.expectedHostKeys()).isEqualTo(NEW_KEYS);
        assertThat(firstRun.sshReadyTimeoutSeconds()).isEqualTo(900);
        assertThat(responder.received(discovered).get(2).sshReadyTimeoutSeconds()).isEqualTo(2);
        List<EventEnvelope> discoveredEvents = DeploymentEvents.all(KAFKA, Topics.HOST_EVENTS, discovered);
        assertThat(DeploymentEvents.payloads(discoveredEvents, ProvisioningRequested.class)).singleElement()
                .satisfies(p -> assertThat(p.stepId()).isEqualTo(runId + "/" + discovered + "/provision/1"));
        assertThat(DeploymentEvents.payloads(discoveredEvents, HostConfigurationChanged.class))
                .extracting(HostConfigurationChanged::environment, HostConfigurationChanged::runmode)
                .containsExactly(tuple("production", "service"));

        // Registered: agent off in discovery first, then production; its facts' keys are expected all along.
        assertThat(responder.received(registered)).extracting(Received::purpose, Received::environment)
                .containsExactly(tuple(RunPurpose.PREPARE, "discovery"), tuple(RunPurpose.DEPLOY, "production"),
                        tuple(RunPurpose.ENABLE_AGENT, "production"));
        assertThat(responder.received(registered)).allSatisfy(r -> assertThat(r.expectedHostKeys())
                .isEqualTo(Hosts.REGISTERED_KEYS));
        List<EventEnvelope> registeredEvents = DeploymentEvents.all(KAFKA, Topics.HOST_EVENTS, registered);
        assertThat(DeploymentEvents.payloads(registeredEvents, HostConfigurationChanged.class))
                .extracting(HostConfigurationChanged::environment, HostConfigurationChanged::runmode)
                .containsExactly(tuple("discovery", "none"), tuple("production", "none"),
                        tuple("production", "service"));
        // Each run went out only after the registry confirmed the environment and runmode it depends on.
        List<PuppetSideResponder.Applied> acks = responder.applied(registered);
        assertThat(acks).extracting(PuppetSideResponder.Applied::environment, PuppetSideResponder.Applied::runmode)
                .containsExactly(tuple("discovery", "none"), tuple("production", "none"),
                        tuple("production", "service"));
        List<Received> runs = responder.received(registered);
        for (int i = 0; i < 3; i++) {
            assertThat(acks.get(i).at()).isBefore(runs.get(i).at());
        }
        assertThat(responder.applied(discovered).get(0).at()).isBefore(responder.received(discovered).get(2).at());
        assertThat(DeploymentEvents.payloads(registeredEvents, HostStateChanged.class))
                .extracting(HostStateChanged::state).containsExactly("assigned", "deploying", "deployed");

        Api.as(Api.VIEWER).queryParam("limit", 5000).get("/api/v1/hosts").then()
                .body("find { it.hostId == '" + discovered + "' }.sshHostKeys[0].key", equalTo("AAAAinstalled"))
                .body("find { it.hostId == '" + discovered + "' }.built", equalTo(true))
                .body("find { it.hostId == '" + discovered + "' }.deployed", equalTo(true));
    }

    /**
     * Issue 11: a reboot the runner got to after its start limit was never sent. The host is not blamed: the
     * provisioning is asked for again under a new key (new build token, new reboot request) and the run completes.
     */
    @Test
    void aRebootThatExpiredUnsentIsAskedForAgainAndTheHostIsNotFailed() {
        String host = Hosts.newId("expreboot");
        Hosts.discovered(KAFKA, host);
        responder.script(host, "controller").expireFirstReboot = true;
        Api.awaitHostsKnown(List.of(host));
        String id = Api.createDeployment(deployment(Specs.unique("expreboot"), List.of(role("controller",
                List.of(), List.of(host)))));
        Instant triggered = Instant.now();

        String runId = Api.startRun(id);

        Api.awaitRun(runId, "COMPLETED", Duration.ofSeconds(60)).body("run.counts.deployed", equalTo(1))
                .body("run.counts.failed", equalTo(0));
        List<Received> provisions = responder.received(host).stream()
                .filter(r -> "provision".equals(r.kind()) && !r.duplicate()).toList();
        assertThat(provisions).extracting(Received::stepId).containsExactly(runId + "/" + host + "/provision/1",
                runId + "/" + host + "/provision-2/1");
        // Each carries a start limit of about the queue limit (15 min by default) from when it was sent.
        assertThat(provisions).allSatisfy(p -> assertThat(Instant.parse(p.notAfter()))
                .isBetween(triggered.plus(Duration.ofMinutes(14)), Instant.now().plus(Duration.ofMinutes(16))));
        assertThat(DeploymentEvents.payloads(DeploymentEvents.all(KAFKA, Topics.DEPLOYMENT_EVENTS, id),
                HostFailed.class)).isEmpty();
    }

    /**
     * Issue 13: how the runner reaches a host. The host's registration wins over the role's {@code ssh}, which wins
     * over the global default (22, root), part by part; the host view shows what the registration said.
     */
    @Test
    void aHostsOwnSshSettingsWinOverItsRolesWhichWinOverTheGlobalOnes() {
        String own = Hosts.newId("sshown");
        String userOnly = Hosts.newId("sshuser");
        String plain = Hosts.newId("sshplain");
        String noRoleSsh = Hosts.newId("sshglobal");
        Hosts.registered(KAFKA, own, new SshAccess(2200, "hostuser"));
        Hosts.registered(KAFKA, userOnly, new SshAccess(null, "ops"));
        Hosts.registered(KAFKA, plain);
        Hosts.registered(KAFKA, noRoleSsh, new SshAccess(2300, null));
        for (String host : List.of(own, userOnly, plain)) {
            responder.script(host, "compute");
        }
        responder.script(noRoleSsh, "database");
        Api.awaitHostsKnown(List.of(own, userOnly, plain, noRoleSsh));
        Api.as(Api.VIEWER).queryParam("limit", 5000).get("/api/v1/hosts").then().statusCode(200)
                .body("find { it.hostId == '" + own + "' }.sshPort", equalTo(2200))
                .body("find { it.hostId == '" + own + "' }.sshUser", equalTo("hostuser"))
                .body("find { it.hostId == '" + plain + "' }.sshPort", equalTo(null));
        String id = Api.createDeployment(deployment(Specs.unique("ssh-precedence"), List.of(
                role("database", List.of(), List.of(noRoleSsh)),
                role("compute", List.of("database"), List.of(own, userOnly, plain), "ssh",
                        Map.of("port", 2222, "user", "deploy")))));

        String runId = Api.startRun(id);

        Api.awaitRun(runId, "COMPLETED", Duration.ofSeconds(90));
        assertThat(responder.received(own)).isNotEmpty()
                .allSatisfy(r -> assertThat(tuple(r.sshPort(), r.sshUser())).isEqualTo(tuple(2200, "hostuser")));
        assertThat(responder.received(userOnly)).isNotEmpty()
                .allSatisfy(r -> assertThat(tuple(r.sshPort(), r.sshUser())).isEqualTo(tuple(2222, "ops")));
        assertThat(responder.received(plain)).isNotEmpty()
                .allSatisfy(r -> assertThat(tuple(r.sshPort(), r.sshUser())).isEqualTo(tuple(2222, "deploy")));
        assertThat(responder.received(noRoleSsh)).isNotEmpty()
                .allSatisfy(r -> assertThat(tuple(r.sshPort(), r.sshUser())).isEqualTo(tuple(2300, "root")));
    }

    @Test
    void aFailedRebootFailsTheHostWithItsReason() {
        String host = Hosts.newId("noreboot");
        Hosts.discovered(KAFKA, host);
        responder.script(host, "compute").rebootFails = true;
        Api.awaitHostsKnown(List.of(host));
        String id = Api.createDeployment(deployment(Specs.unique("noreboot"),
                List.of(role("compute", List.of(), List.of(host)))));

        String runId = Api.startRun(id);

        Api.awaitRun(runId, "FAILED", Duration.ofSeconds(30)).body("roles[0].status", equalTo("FAILED"));
        Api.runHosts(runId)
                .body("hosts[0].status", equalTo("FAILED"))
                .body("hosts[0].failedPhase", equalTo("PREPARE"))
                .body("hosts[0].reason", equalTo("reboot into the installer failed: proxy answered 500"));
        List<EventEnvelope> events = DeploymentEvents.of(KAFKA, Topics.DEPLOYMENT_EVENTS, id,
                e -> e.payload() instanceof HostFailed, 1);
        assertThat(DeploymentEvents.payloads(events, HostFailed.class)).singleElement()
                .satisfies(failed -> assertThat(failed.phase()).isEqualTo("provision"));
        assertThat(responder.received(host)).extracting(Received::kind).containsExactly("provision");
    }
}
