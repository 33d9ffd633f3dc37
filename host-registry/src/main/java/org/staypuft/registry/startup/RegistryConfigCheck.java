package org.staypuft.registry.startup;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.staypuft.registry.config.RegistryConfig;
import org.staypuft.registry.config.SafeValues;
import org.staypuft.registry.provisioning.RebootRequests;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start with settings that would only fail later, on a host halfway through its installation: values that
 * go into templates or URLs are checked here, once, with the setting's name.
 */
@ApplicationScoped
public class RegistryConfigCheck {

    private static final Logger LOG = Logger.getLogger(RegistryConfigCheck.class);
    private static final String PREFIX = "staypuft.registry.";

    @Inject
    RegistryConfig config;

    void onStart(@Observes StartupEvent event) {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid host registry settings:\n  " + String.join("\n  ", problems));
        }
        if (config.proxyPublicKey().isEmpty() && !config.proxyPublicKeyFile().toFile().exists()) {
            LOG.warnf("No proxy public key yet (%s does not exist): templates answer 503 until the puppet-runner "
                    + "has written it or staypuft.registry.proxy-public-key is set", config.proxyPublicKeyFile());
        }
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        check(problems, "puppet-server", () -> SafeValues.hostAndPort(config.puppetServer()));
        check(problems, "ssh-user", () -> SafeValues.userName(config.sshUser()));
        check(problems, "discovery-proxy.url-template", () -> SafeValues.baseUrl(
                config.discoveryProxy().urlTemplate().replace("{address}", "192.0.2.1")));
        config.unattended().baseUrl().ifPresent(url -> check(problems, "unattended.base-url",
                () -> SafeValues.baseUrl(url)));
        if (config.buildToken().validity().isNegative() || config.buildToken().validity().isZero()) {
            problems.add(PREFIX + "build-token.validity must be positive");
        }
        checkKexec(problems, config.discoveryProxy().kexec());
        return problems;
    }

    private void checkKexec(List<String> problems, RegistryConfig.Kexec kexec) {
        if (kexec.kernel().isEmpty()) {
            return;
        }
        check(problems, "discovery-proxy.kexec.kernel", () -> SafeValues.baseUrl(kexec.kernel().get()));
        if (kexec.initram().isEmpty()) {
            problems.add(PREFIX + "discovery-proxy.kexec.initram must be set with discovery-proxy.kexec.kernel");
        } else {
            check(problems, "discovery-proxy.kexec.initram", () -> SafeValues.baseUrl(kexec.initram().get()));
        }
        List<String> settings = new ArrayList<>(kexec.extra().orElse(List.of()));
        settings.add(kexec.append());
        if (settings.stream().anyMatch(RebootRequests::needsBaseUrl) && config.unattended().baseUrl().isEmpty()) {
            problems.add(PREFIX + "unattended.base-url must be set: the kexec settings use {kickstartUrl} or "
                    + "{userDataUrl}");
        }
    }

    private static void check(List<String> problems, String setting, Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            problems.add(PREFIX + setting + ": " + e.getMessage());
        }
    }
}
