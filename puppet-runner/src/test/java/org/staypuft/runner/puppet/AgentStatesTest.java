package org.staypuft.runner.puppet;

import org.junit.jupiter.api.Test;
import org.staypuft.events.puppet.AgentState;

import static org.assertj.core.api.Assertions.assertThat;

/** Puppet 7's own console lines (from Debian's agent, --verbose) for the runs it declines. */
class AgentStatesTest {

    @Test
    void anAgentDisabledByAnOperatorShowsTheOperatorsMessage() {
        AgentStates.Declined declined = AgentStates.declined(
                """
                        Notice: Skipping run of Puppet configuration client; administratively disabled (Reason: 'kernel update by ops');
                        Use 'puppet agent --enable' to re-enable.
                        """);

        assertThat(declined.state()).isEqualTo(AgentState.AGENT_DISABLED);
        assertThat(declined.reason()).isEqualTo("the puppet agent is disabled by an operator: 'kernel update by ops' "
                + "(puppet agent --enable re-enables it); not retried");
    }

    @Test
    void aCertificateNotSignedYet() {
        AgentStates.Declined declined = AgentStates.declined(
                """
                        Info: Creating a new RSA SSL key for web-1.example.com
                        Info: csr_attributes file loading from /etc/puppet/csr_attributes.yaml
                        Info: Creating a new SSL certificate request for web-1.example.com
                        Couldn't fetch certificate from CA server; you might still need to sign this agent's certificate (web-1.example.com). Exiting now because the waitforcert setting is set to 0.
                        """);

        assertThat(declined.state()).isEqualTo(AgentState.CERTIFICATE_NOT_SIGNED);
    }

    @Test
    void aCertificateNotSignedYetWithWaitforcertShowsTheAgentsInfoLine() {
        AgentStates.Declined declined = AgentStates.declined(
                """
                        Info: Certificate for db1.staypuft.test has not been signed yet
                        Couldn't fetch certificate from CA server; you might still need to sign this agent's certificate (db1.staypuft.test).
                        Info: Will try again in 5 seconds.
                        Error: Couldn't fetch certificate from CA server; you might still need to sign this agent's certificate (db1.staypuft.test). Exiting now because the maxwaitforcert timeout has been exceeded.
                        """);

        assertThat(declined.state()).isEqualTo(AgentState.CERTIFICATE_NOT_SIGNED);
        assertThat(declined.reason()).startsWith("the agent has no signed certificate");
    }

    @Test
    void aCertificateTheCaSignedBeforeForAnotherKeyIsRefused() {
        // Puppet 7.23's state machine: the CA's 400 ("already has a signed certificate") is silent on the agent, which
        // then downloads the certificate signed for the old key.
        AgentStates.Declined declined = AgentStates.declined(
                """
                        Info: Using environment 'discovery'
                        Info: Downloaded certificate for drift1.staypuft.test from https://puppet:34023/puppet-ca/v1
                        Error: Could not run: The certificate for 'CN=drift1.staypuft.test' does not match its private key
                        """);

        assertThat(declined.state()).isEqualTo(AgentState.CERTIFICATE_NOT_SIGNED);
        assertThat(declined.reason()).contains("does not match the agent's key")
                .contains("puppetserver ca clean --certname");
    }

    @Test
    void theCasRefusalIsNamedInTheWordsOfPuppetSslAndOfTheServer() {
        // puppet ssl submit_request (Puppet 7.23) on the CA's 400, and the CA's own words (Puppet Server 7.9's log and
        // response body), as a command that shows them (a wrapper, --debug) passes them on.
        AgentStates.Declined bySsl = AgentStates.declined(
                """
                        Error: Could not run: Could not submit certificate request for 'drift1.staypuft.test' to https://puppet:34023/puppet-ca/v1 due to a conflict on the server
                        """);
        AgentStates.Declined byServer = AgentStates.declined(
                """
                        drift1.staypuft.test already has a signed certificate; ignoring certificate request
                        """);

        assertThat(bySsl.state()).isEqualTo(AgentState.CERTIFICATE_NOT_SIGNED);
        assertThat(byServer.state()).isEqualTo(AgentState.CERTIFICATE_NOT_SIGNED);
        assertThat(byServer.reason()).contains("refused");
    }

    @Test
    void theServerUnreachableNamesIt() {
        AgentStates.Declined declined = AgentStates.declined(
                """
                        Error: Connection to https://puppet:8140/puppet-ca/v1 failed, trying next route: Request to https://puppet:8140/puppet-ca/v1 failed after 0.002 seconds: Failed to open TCP connection to puppet:8140 (Connection refused - connect(2) for "puppet" port 8140)
                        Error: Could not run: No more routes to ca
                        """);

        assertThat(declined.state()).isEqualTo(AgentState.SERVER_UNREACHABLE);
        assertThat(declined.reason()).startsWith("the agent could not reach the puppet server puppet:8140");
    }

    @Test
    void otherFailuresAreNotPuppetsOwnStates() {
        assertThat(AgentStates.declined(
                """
                        Error: Could not retrieve catalog from remote server: Error 500 on SERVER: Server Error: Could not find environment 'staging'
                        """))
                .isNull();
    }
}
