package org.staypuft.registry.startup;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.staypuft.registry.config.RegistryConfig;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/** Settings that would only fail on a host halfway through its installation stop the registry at start instead. */
class RegistryConfigCheckTest {

    @Test
    void theDefaultsPass() {
        assertThat(check(Map.of())).isEmpty();
    }

    @Test
    void eachBadSettingIsNamed() {
        assertThat(check(Map.of(
                "staypuft.registry.ssh-user", "root; reboot",
                "staypuft.registry.puppet-server", "puppet.example.com:http",
                "staypuft.registry.discovery-proxy.url-template", "https://{address}:8443/?x=$(id)",
                "staypuft.registry.discovery-proxy.kexec.kernel", "http://mirror.example/vmlinuz")))
                .anySatisfy(problem -> assertThat(problem).startsWith("staypuft.registry.ssh-user:"))
                .anySatisfy(problem -> assertThat(problem).startsWith("staypuft.registry.puppet-server:"))
                .anySatisfy(
                        problem -> assertThat(problem).startsWith("staypuft.registry.discovery-proxy.url-template:"))
                .anySatisfy(problem -> assertThat(problem).contains("kexec.initram must be set"))
                // The default append uses {kickstartUrl}: without a base URL the installer could not be told it.
                .anySatisfy(problem -> assertThat(problem).contains("unattended.base-url must be set"))
                .hasSize(5);
    }

    private static List<String> check(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors().addDefaultSources()
                .withMapping(RegistryConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        RegistryConfigCheck check = new RegistryConfigCheck();
        check.config = config.getConfigMapping(RegistryConfig.class);
        return check.problems();
    }
}
