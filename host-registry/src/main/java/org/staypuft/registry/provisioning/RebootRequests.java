package org.staypuft.registry.provisioning;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.staypuft.events.provisioning.ProvisioningRequested;
import org.staypuft.events.provisioning.RequestReboot;
import org.staypuft.registry.config.RegistryConfig;

/**
 * The reboot command for the puppet-runner: through the discovery image's proxy, by kexec into the installer when a
 * kernel is configured. The request id is the step id: the orchestrator waits for the reboot's outcome under it. The
 * orchestrator's start limit travels with it: the runner sends nothing after it.
 */
@ApplicationScoped
public class RebootRequests {

    static final String KICKSTART_URL = "{kickstartUrl}";
    static final String USER_DATA_URL = "{userDataUrl}";
    static final String TOKEN = "{token}";

    @Inject
    RegistryConfig config;

    @Inject
    UnattendedBaseUrl baseUrl;

    RequestReboot of(ProvisioningRequested request, String proxyUrl, String token) {
        RegistryConfig.Kexec kexec = config.discoveryProxy().kexec();
        int timeoutSeconds = (int) config.discoveryProxy().timeout().toSeconds();
        if (kexec.kernel().isEmpty()) {
            return new RequestReboot(request.stepId(), request.deploymentId(), request.runId(), request.stepId(),
                    request.hostId(), proxyUrl, null, null, null, null, timeoutSeconds, request.notAfter());
        }
        List<String> extra = kexec.extra().orElse(List.of()).stream().map(arg -> withUrls(arg, token)).toList();
        return new RequestReboot(request.stepId(), request.deploymentId(), request.runId(), request.stepId(),
                request.hostId(), proxyUrl, kexec.kernel().get(), kexec.initram().orElse(null),
                withUrls(kexec.append(), token), extra, timeoutSeconds, request.notAfter());
    }

    /** Whether a kexec setting needs the registry's base URL, so it must be configured. */
    public static boolean needsBaseUrl(String setting) {
        return setting.contains(KICKSTART_URL) || setting.contains(USER_DATA_URL);
    }

    private String withUrls(String setting, String token) {
        if (!needsBaseUrl(setting)) {
            return setting.replace(TOKEN, token);
        }
        UnattendedUrls urls = baseUrl.configured().orElseThrow(() -> new IllegalStateException(
                "staypuft.registry.unattended.base-url must be set for " + KICKSTART_URL + " / " + USER_DATA_URL));
        return setting.replace(KICKSTART_URL, urls.kickstart(token)).replace(USER_DATA_URL, urls.userData(token))
                .replace(TOKEN, token);
    }
}
