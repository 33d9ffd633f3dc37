package org.staypuft.listener;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staypuft.events.EventCodec;
import org.staypuft.events.Topics;
import org.staypuft.events.host.HostRegistered;
import org.staypuft.events.host.SshAccess;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.staypuft.listener.Operators.asOperator;

/**
 * The client installer for real: an answer file from the real endpoint, used as is by the real script on a fake
 * host (its own root directory, fake systemctl and facter), registering through the real registration endpoint.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ClientInstallerTest {

    private static final String PUPPET_SERVER = "puppet.lab.example.com:8140";
    /** A key already there, its last line without a newline, as editors and echo -n leave files. */
    private static final String OPERATORS_KEY = SshKeyLines.ed25519("admin@site");
    private static final String PUPPET_CONF = """
            [main]
            logdir = /var/log/puppet
            [agent]
            server=old-puppet.example.com
            runinterval = 30m
            """;

    @Inject
    EntityManager entityManager;

    @TempDir
    Path directory;

    @BeforeEach
    void proxyKeyIsThere() {
        Tools.require("curl");
        TestProxyKey.present();
    }

    @Test
    void aGeneratedAnswerFileRegistersTheHostAndASecondRunChangesNothing() {
        String mac = Fixtures.randomMac();
        String hostId = Fixtures.hostId(mac);
        String hostname = "app-" + hostId.substring(3) + ".example.com";
        FakeHost host = new FakeHost(directory, hostname, "192.0.2.77", mac);
        host.answers(answerFile().asString());
        host.write("root/.ssh/authorized_keys", OPERATORS_KEY);
        host.write("etc/puppetlabs/puppet/puppet.conf", PUPPET_CONF);
        // sshd's effective configuration, as root's sshd -T prints it.
        host.sshdAnswers("port 2222\naddressfamily any\nlistenaddress [::]:2222\n", 0);

        FakeHost.Run first = host.runInstaller(ShellScriptsTest.CLIENT_INSTALLER);

        assertThat(first.exitCode()).as("%s", first).isZero();
        assertThat(first.out()).contains("registered " + hostname + " (192.0.2.77, " + mac + ")",
                "done: the agent is off");
        assertThat(host.systemctlCalls()).contains("stop puppet", "disable puppet");
        String authorizedKeys = host.read("root/.ssh/authorized_keys");
        assertThat(authorizedKeys.lines()).containsExactly(OPERATORS_KEY, TestProxyKey.LINE);
        assertThat(host.read("etc/puppetlabs/puppet/puppet.conf")).isEqualTo("""
                [main]
                logdir = /var/log/puppet
                [agent]
                server = puppet.lab.example.com
                serverport = 8140
                runinterval = 30m
                """);
        assertThat(host.facterCalls()).singleElement().asString().doesNotContain("uptime", "memory.system.available");
        assertThat(host.sshdCalls()).containsExactly("-T -f " + host.root().resolve("etc/ssh/sshd_config"));
        assertThat(first.out()).contains("Staypuft will connect as root on SSH port 2222");

        PublishedEvents published = new PublishedEvents(entityManager);
        List<ConsumerRecord<String, byte[]>> events = published.ofHost(Topics.HOST_EVENTS, hostId, 1);
        assertThat(events).extracting(PublishedEvents::type).containsExactly("org.staypuft.host.registered.v1");
        ContractSchemas.assertValid(events.get(0));
        HostRegistered registered = EventCodec.decodePayload(events.get(0).value(), HostRegistered.class);
        assertThat(registered.host().name()).isEqualTo(hostname);
        assertThat(registered.host().ipv4()).isEqualTo("192.0.2.77");
        assertThat(registered.host().mac()).isEqualTo(mac);
        assertThat(registered.host().sshHostKeys()).extracting(SshHostKey::openSshLine)
                .containsExactlyInAnyOrderElementsOf(host.hostKeys());
        // facter's answer to the installer's dotted queries reached the event.
        assertThat(registered.host().hardware().cpuCount()).isEqualTo(8);
        assertThat(registered.host().hardware().memoryBytes()).isEqualTo(17_179_869_184L);
        assertThat(registered.host().hardware().vendor()).isEqualTo("Dell Inc.");
        // How the runner reaches it: the port sshd said, the answer file's user (whose authorized_keys got the key).
        assertThat(registered.ssh()).isEqualTo(new SshAccess(2222, "root"));

        Map<TopicPartition, Long> afterFirstRun = published.drained();
        String puppetConf = host.read("etc/puppetlabs/puppet/puppet.conf");
        int systemctlCalls = host.systemctlCalls().size();

        FakeHost.Run second = host.runInstaller(ShellScriptsTest.CLIENT_INSTALLER);

        assertThat(second.exitCode()).as("%s", second).isZero();
        assertThat(second.out()).contains("already registered as " + hostname + ": nothing changed",
                "the proxy key is already in",
                "the agent already uses puppet server puppet.lab.example.com on port 8140");
        assertThat(host.read("root/.ssh/authorized_keys")).isEqualTo(authorizedKeys);
        assertThat(host.read("etc/puppetlabs/puppet/puppet.conf")).isEqualTo(puppetConf);
        assertThat(host.systemctlCalls().subList(systemctlCalls, host.systemctlCalls().size()))
                .as("the second run only asks").allSatisfy(call -> assertThat(call).startsWith("is-"));
        published.assertNothingPublishedSince(afterFirstRun);
    }

    @Test
    void aRevokedTokenEndsWithExitCode4AndSaysWhy() {
        String mac = Fixtures.randomMac();
        FakeHost host = new FakeHost(directory, "revoked-" + mac.substring(9).replace(":", "") + ".example.com",
                "192.0.2.78", mac);
        ExtractableResponse<Response> answerFile = answerFile();
        host.answers(answerFile.asString());
        asOperator().when().delete(answerFile.header("Location")).then().statusCode(204);
        PublishedEvents published = new PublishedEvents(entityManager);
        Map<TopicPartition, Long> before = published.drained();

        FakeHost.Run run = host.runInstaller(ShellScriptsTest.CLIENT_INSTALLER);

        assertThat(run.exitCode()).as("%s", run).isEqualTo(4);
        assertThat(run.err()).contains("registration refused (401)", "was revoked at",
                "Staypuft refused the registration token: ask for a new answer file");
        published.assertNothingPublishedSince(before);
    }

    @Test
    void aPuppetServerPortOutside1To65535EndsWithExitCode2NamingPuppetServerAndChangesNothing() {
        String mac = Fixtures.randomMac();
        FakeHost host = new FakeHost(directory, "port-" + mac.substring(9).replace(":", "") + ".example.com",
                "192.0.2.79", mac);
        String answers = answerFile().asString();
        assertThat(answers).contains("puppet_server=" + PUPPET_SERVER);
        host.answers(answers.replace("puppet_server=" + PUPPET_SERVER, "puppet_server=puppet.lab.example.com:70000"));
        host.write("etc/puppetlabs/puppet/puppet.conf", PUPPET_CONF);
        PublishedEvents published = new PublishedEvents(entityManager);
        Map<TopicPartition, Long> before = published.drained();

        FakeHost.Run run = host.runInstaller(ShellScriptsTest.CLIENT_INSTALLER);

        assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
        assertThat(run.err()).contains("puppet_server's port must be 1..65535, got 'puppet.lab.example.com:70000'");
        assertThat(host.read("etc/puppetlabs/puppet/puppet.conf")).isEqualTo(PUPPET_CONF);
        assertThat(host.systemctlCalls()).isEmpty();
        published.assertNothingPublishedSince(before);
    }

    @Test
    void withoutAnAnswerFromSshdTThePortComesFromSshdConfigAndAPortThatIsNotANumberIsNeverSent() {
        // sshd -T fails (it needs root and readable host keys): the first Port line before any Match block.
        String mac = Fixtures.randomMac();
        String hostId = Fixtures.hostId(mac);
        FakeHost fromConfig = new FakeHost(directory.resolve("config"), "cfg-" + hostId.substring(3) + ".example.com",
                "192.0.2.80", mac);
        fromConfig.answers(answerFile().asString());
        fromConfig.write("etc/ssh/sshd_config", """
                # Port 22
                  Port=2200
                Match Address 192.0.2.0/24
                    Port 2201
                """);
        // sshd -T answers with something that is no port (a broken or hostile sshd): the host names no port.
        String otherMac = Fixtures.randomMac();
        String otherHostId = Fixtures.hostId(otherMac);
        FakeHost hostile = new FakeHost(directory.resolve("hostile"), "odd-" + otherHostId.substring(3)
                + ".example.com", "192.0.2.81", otherMac);
        hostile.answers(answerFile().asString());
        hostile.write("etc/ssh/sshd_config", "Port 2200\n");
        Path pwned = directory.resolve("pwned");
        hostile.sshdAnswers("port 22,\"x\":1;touch${IFS}" + pwned + "\n", 0);
        PublishedEvents published = new PublishedEvents(entityManager);

        FakeHost.Run fromConfigRun = fromConfig.runInstaller(ShellScriptsTest.CLIENT_INSTALLER);
        FakeHost.Run hostileRun = hostile.runInstaller(ShellScriptsTest.CLIENT_INSTALLER);

        assertThat(fromConfigRun.exitCode()).as("%s", fromConfigRun).isZero();
        assertThat(fromConfigRun.out()).contains("Staypuft will connect as root on SSH port 2200");
        HostRegistered registered = EventCodec.decodePayload(
                published.ofHost(Topics.HOST_EVENTS, hostId, 1).get(0).value(), HostRegistered.class);
        assertThat(registered.ssh()).isEqualTo(new SshAccess(2200, "root"));

        assertThat(hostileRun.exitCode()).as("%s", hostileRun).isZero();
        assertThat(hostileRun.err()).contains("ignoring the SSH port sshd reported: not a number");
        assertThat(hostileRun.out()).contains("Staypuft will connect as root (sshd's port unknown here");
        assertThat(pwned).as("nothing sshd printed ran").doesNotExist();
        HostRegistered hostileRegistered = EventCodec.decodePayload(
                published.ofHost(Topics.HOST_EVENTS, otherHostId, 1).get(0).value(), HostRegistered.class);
        assertThat(hostileRegistered.ssh()).as("no port, the user only").isEqualTo(new SshAccess(null, "root"));
    }

    /** The answer file exactly as the endpoint gives it. */
    private static ExtractableResponse<Response> answerFile() {
        return asOperator().contentType(ContentType.JSON)
                .body("{\"description\": \"client installer test\", \"puppetServer\": \"" + PUPPET_SERVER + "\"}")
                .when().post("/api/v1/answer-files")
                .then().statusCode(201).contentType(ContentType.TEXT).extract();
    }
}
