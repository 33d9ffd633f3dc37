package org.staypuft.simulator;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.EnumSet;

import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.staypuft.simulator.puppet.FakePuppetAgent;
import org.staypuft.simulator.puppet.Runmode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A simulated host seen through a real SSH client, as the puppet-runner sees it. */
class SimulatedHostTest {

    private static final String RUN = "puppet agent --onetime --no-daemonize --no-usecacheonfailure "
            + "--detailed-exitcodes --environment production";

    private static HostSimulator simulator;
    private static TestSshClient ssh;

    @BeforeAll
    static void start() {
        simulator = HostSimulator.start();
        ssh = new TestSshClient();
    }

    @AfterAll
    static void stop() throws IOException {
        ssh.close();
        simulator.close();
    }

    private SimulatedHost host(String name, String role) {
        return simulator.addHost(HostSpec.named(name).role(role).runDuration(Duration.ofMillis(50))
                .authorizedKey(ssh.publicKeyLine()).build());
    }

    @Test
    void firstProductionRunChangesTheRoleLaterRunsChangeNothing() throws IOException {
        SimulatedHost host = host("first-run", "controller");

        TestSshClient.Result first = ssh.exec(host, RUN);
        TestSshClient.Result second = ssh.exec(host, RUN);

        assertThat(first.exitCode()).isEqualTo(2);
        assertThat(first.stdout()).contains("Package[openstack-keystone]/ensure: created")
                .contains("Notice: Applied catalog in");
        assertThat(second.exitCode()).isZero();
        assertThat(host.puppetRuns()).isEqualTo(2);
        assertThat(ssh.exec(host, "puppet config print lastrunfile lastrunreport").stdout()).isEqualTo("""
                lastrunfile = /var/lib/puppet/state/last_run_summary.yaml
                lastrunreport = /var/lib/puppet/state/last_run_report.yaml
                """);
        TestSshClient.Result summary = ssh.exec(host, "cat /var/lib/puppet/state/last_run_summary.yaml");
        assertThat(summary.stdout()).contains("resources:\n  changed: 0\n").contains("  total: 13\n");
        assertThat(ssh.exec(host, "sudo -n cat " + FakePuppetAgent.REPORT_FILE).stdout())
                .startsWith("--- !ruby/object:Puppet::Transaction::Report\n").contains("status: unchanged");
    }

    @Test
    void aRunWhileAnotherHoldsTheLockExitsOneWithPuppetsMessage() throws IOException {
        SimulatedHost host = host("locked", "compute");
        assertThat(host.holdAgentLock(Duration.ofSeconds(30))).isTrue();

        TestSshClient.Result refused = ssh.exec(host, RUN);

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stdout()).isEqualTo("Notice: Run of Puppet configuration client already in progress; "
                + "skipping  (/var/lib/puppet/state/agent_catalog_run.lock exists)\n");
        assertThat(host.puppetRuns()).isZero();
        assertThat(host.agent().refusedRuns()).isOne();
    }

    @Test
    void theAgentServiceFollowsTheRunmodeAndDriftChangesMoreThanTheService() throws IOException {
        SimulatedHost host = host("runmode", "compute");
        ssh.exec(host, RUN);
        host.setRunmode(Runmode.SERVICE);
        host.setDrift(true);

        TestSshClient.Result enabling = ssh.exec(host, RUN);

        assertThat(enabling.exitCode()).isEqualTo(2);
        assertThat(host.agentServiceRunning()).isTrue();
        String report = ssh.exec(host, "cat " + FakePuppetAgent.REPORT_FILE).stdout();
        assertThat(report).contains("\"Service[puppet]\":\n    title: \"puppet\"")
                .contains("\"File[/etc/puppet/puppet.conf]\":");
        assertThat(enabling.stdout()).contains("Service[puppet]/ensure: ensure changed 'stopped' to 'running'")
                .contains("File[/etc/puppet/puppet.conf]/content");

        host.setRunmode(Runmode.NONE);
        assertThat(ssh.exec(host, "puppet agent --onetime --detailed-exitcodes --environment discovery").exitCode())
                .isEqualTo(2);
        assertThat(host.agentServiceRunning()).isFalse();
    }

    @Test
    void failingResourcesExitFourOrSixAndShowInTheReport() throws IOException {
        SimulatedHost host = host("failing", "controller");
        host.failResources("Service[openstack-keystone]");

        TestSshClient.Result first = ssh.exec(host, RUN);
        TestSshClient.Result second = ssh.exec(host, RUN);

        assertThat(first.exitCode()).isEqualTo(6);
        assertThat(first.stderr()).contains("Error: /Stage[main]/Role::Controller/Service[openstack-keystone]");
        assertThat(second.exitCode()).isEqualTo(4);
        assertThat(ssh.exec(host, "cat " + FakePuppetAgent.SUMMARY_FILE).stdout()).contains("  failed: 1\n");
    }

    @Test
    void aHangingRunEndsWhenTheClientSignalsOrClosesTheChannel() throws IOException {
        SimulatedHost host = host("hanging", "generic");
        host.setHanging(true);

        try (ClientSession session = ssh.login(host); ChannelExec channel = session.createExecChannel(RUN)) {
            channel.open().verify(Duration.ofSeconds(5));
            await().until(() -> host.agent().runInProgress());
            assertThat(channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), 300))
                    .contains(ClientChannelEvent.TIMEOUT);
        }

        await().untilAsserted(() -> {
            assertThat(host.agent().terminatedRuns()).isOne();
            assertThat(host.agent().runInProgress()).isFalse();
        });
    }

    @Test
    void timeoutStopsAHangingRunWithExit124UnlessTheHostsTimeoutIsBroken() throws IOException {
        SimulatedHost host = host("timeout", "generic");
        host.setHanging(true);

        TestSshClient.Result result = ssh.exec(host, "timeout --kill-after=1 0.3 " + RUN);

        assertThat(result.exitCode()).isEqualTo(124);
        assertThat(host.agent().terminatedRuns()).isOne();
        host.setRemoteTimeoutBroken(true);
        try (ClientSession session = ssh.login(host)) {
            assertThat(TestSshClient.exec(session, "timeout 0.3 " + RUN, Duration.ofSeconds(1)).exitCode()).isNull();
        }
        await().until(() -> host.agent().terminatedRuns() == 2);
    }

    @Test
    void onlyAuthorizedKeysLogIn() {
        SimulatedHost host = simulator.addHost(HostSpec.named("stranger").build());

        assertThatThrownBy(() -> ssh.exec(host, "true")).isInstanceOf(IOException.class)
                .hasMessageContaining("No more authentication methods available");
    }

    @Test
    void aChangedHostKeyShowsOnTheNextConnection() throws IOException {
        SimulatedHost host = host("rekeyed", "generic");
        ssh.exec(host, "true");
        String before = org.staypuft.simulator.ssh.OpenSshKeys.line(ssh.lastHostKey.get());

        host.changeHostKey();
        ssh.exec(host, "true");

        assertThat(before).startsWith("ssh-ed25519 ");
        assertThat(org.staypuft.simulator.ssh.OpenSshKeys.line(ssh.lastHostKey.get()))
                .isEqualTo(host.hostKeyLine()).isNotEqualTo(before);
    }

    @Test
    void anUnreachableHostRefusesConnectionsUntilItIsBack() throws IOException {
        SimulatedHost host = host("flaky", "generic");
        int port = host.sshPort();

        host.setReachable(false);
        assertThatThrownBy(() -> ssh.exec(host, "true")).hasRootCauseInstanceOf(ConnectException.class);

        host.setReachable(true);
        assertThat(ssh.exec(host, "true").exitCode()).isZero();
        assertThat(host.sshPort()).isEqualTo(port);
    }

    @Test
    void shellSyntaxIsRecordedAsAnInjectionAndNotRun() throws IOException {
        SimulatedHost host = host("injected", "generic");

        TestSshClient.Result result = ssh.exec(host, "puppet agent --environment production; touch /tmp/pwned");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(host.injections()).containsExactly("puppet agent --environment production; touch /tmp/pwned");
        assertThat(host.puppetRuns()).isZero();
    }

    @Test
    void sessionsAreCountedAsTheServersSeeThem() throws IOException {
        SimulatedHost host = host("counted", "generic");
        simulator.sessions().reset();
        try (ClientSession one = ssh.login(host); ClientSession two = ssh.login(host)) {
            await().until(() -> simulator.sessions().open() >= 2);
        }
        await().until(() -> simulator.sessions().open() == 0);
        assertThat(simulator.sessions().maxOpen()).isGreaterThanOrEqualTo(2);
    }
}
