package org.staypuft.puppet;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The puppet_management class with Debian's real Puppet: it compiles for both runmodes, and applying it changes
 * only {@code Service[puppet]} — the finish phase's drift check depends on that title. The apply is real: it starts
 * the machine's puppet agent service and stops it again, leaving it stopped as it found it.
 */
class PuppetManagementModuleTest {

    @TempDir
    static Path work;

    @BeforeAll
    static void requirePuppet() {
        // CI installs puppet (.ci/install-packages); only a developer machine without it may skip.
        assumeTrue(PuppetApply.available() || "true".equals(System.getenv("CI")),
                "Debian's puppet is not installed: run .ci/install-packages");
    }

    @AfterAll
    static void leaveTheAgentStopped() throws Exception {
        if (PuppetApply.available()) {
            PuppetApply.apply(manifest("none"), false, work);
        }
    }

    @Test
    void catalogCompilesForBothRunmodes() throws Exception {
        for (String runmode : new String[]{"none", "service"}) {
            PuppetApply.Result result = PuppetApply.apply(manifest(runmode), true, work);
            assertThat(result.exitCode()).as("noop apply of runmode %s: %s", runmode, result.messages())
                    .isIn(0, 2);
            assertThat(result.failed()).isZero();
        }
    }

    @Test
    void aNamedServiceProviderIsUsedAndAnUnknownOneRefused() throws Exception {
        PuppetApply.Result debian = PuppetApply.apply(
                "class { 'puppet_management': runmode => 'none', service_provider => 'debian' }", true, work);
        assertThat(debian.exitCode()).as(debian.messages()).isIn(0, 2);

        PuppetApply.Result unknown = PuppetApply.apply(
                "class { 'puppet_management': runmode => 'none', service_provider => 'no_such_provider' }", true,
                work);
        assertThat(unknown.exitCode()).isNotIn(0, 2);
        assertThat(unknown.messages()).contains("no_such_provider");
    }

    @Test
    void anUnknownRunmodeIsRefusedAtCompilation() throws Exception {
        PuppetApply.Result result = PuppetApply.apply(manifest("cron"), true, work);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.messages()).contains("runmode");
    }

    @Test
    void enablingAndDisablingTheAgentChangesOnlyThePuppetService() throws Exception {
        PuppetApply.apply(manifest("none"), false, work);

        PuppetApply.Result enable = PuppetApply.apply(manifest("service"), false, work);
        assertThat(enable.exitCode()).as(enable.messages()).isEqualTo(2);
        assertThat(enable.failed()).isZero();
        assertThat(enable.changedResources()).containsExactly("Service[puppet]");
        assertThat(enable.changed()).isEqualTo(1);

        PuppetApply.Result again = PuppetApply.apply(manifest("service"), false, work);
        assertThat(again.exitCode()).as("a second apply changes nothing: %s", again.messages()).isZero();

        PuppetApply.Result disable = PuppetApply.apply(manifest("none"), false, work);
        assertThat(disable.exitCode()).as(disable.messages()).isEqualTo(2);
        assertThat(disable.changedResources()).containsExactly("Service[puppet]");
    }

    private static String manifest(String runmode) {
        return "class { 'puppet_management': runmode => '" + runmode + "' }";
    }
}
