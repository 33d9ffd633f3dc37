package org.staypuft.runner.puppet;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.events.puppet.RequestPuppetRun;
import org.staypuft.events.puppet.RunPurpose;

import static org.assertj.core.api.Assertions.assertThat;

/** Nothing from a request reaches a shell line unless it matches a strict pattern. */
class RequestValidatorTest {

    private static RequestPuppetRun request(String hostName, String address, String user, String environment) {
        return new RequestPuppetRun("r-1", "d-1", "run-1", "s-1", "mac525400000001", hostName, address, 22, user,
                environment, RunPurpose.DEPLOY, List.of(), 0, 600);
    }

    @Test
    void acceptsWhatRealRequestsCarry() {
        assertThat(RequestValidator.rejectionOf(request("compute-1.example.com", "192.0.2.10", "root", "production")))
                .isEmpty();
        assertThat(RequestValidator.rejectionOf(request(null, "fe80::1", null, null))).isEmpty();
        assertThat(RequestValidator.rejectionOf(request("c1", "compute-1.example.com.", "foreman-proxy",
                "discovery_2"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"production; touch /tmp/pwned", "production && reboot", "$(reboot)", "`id`",
            "production\nreboot", "Production", "prod-uction", "production ", "", "../../etc",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void refusesEnvironmentsPuppetWouldNot(String environment) {
        assertThat(RequestValidator.rejectionOf(request("h", "192.0.2.10", "root", environment)))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("Rejected: environment")
                        .contains("^[a-z0-9_]{1,64}$"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"host;id", "host name", "-oProxyCommand=id", "host.$(id).example", "a..b", "_host"})
    void refusesHostNamesOutsideRfc1123(String hostName) {
        assertThat(RequestValidator.rejectionOf(request(hostName, "192.0.2.10", "root", "production")))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("Rejected: hostName"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.10; id", "-oProxyCommand=touch /tmp/x", "999.1.1.1.1.1", "host`id`"})
    void refusesAddressesThatAreNeitherIpNorHostName(String address) {
        assertThat(RequestValidator.rejectionOf(request("h", address, "root", "production")))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("Rejected: address"));
    }

    @Test
    void refusesOddUsersAndKeys() {
        assertThat(RequestValidator.rejectionOf(request("h", "192.0.2.10", "root -oProxyCommand=id", "production")))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("Rejected: sshUser"));
        RequestPuppetRun badKey = new RequestPuppetRun("r", "d", "run", "s", "h", "h", "192.0.2.10", 22, "root",
                "production", RunPurpose.DEPLOY, List.of(new SshHostKey("ssh-ed25519", "not base64!")), 0, 60);
        assertThat(RequestValidator.rejectionOf(badKey)).isPresent();
    }

    @Test
    void controlCharactersAreShownEscaped() {
        assertThat(RequestValidator.rejectionOf(request("h", "192.0.2.10", "root", "a\nb")).orElseThrow())
                .contains("'a\\x0ab'");
    }
}
