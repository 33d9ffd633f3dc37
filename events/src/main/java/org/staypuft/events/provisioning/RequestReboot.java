package org.staypuft.events.provisioning;

import java.util.List;

import org.staypuft.events.StaypuftEvent;

/**
 * Command to the puppet-runner: reboot a discovered host into its installer through the discovery image's proxy
 * ({@code PUT /power/reboot}, or {@code PUT /power/kexec} when kernel and initram are given).
 *
 * @param proxyUrl base URL of the discovery image's proxy, e.g. {@code https://192.0.2.10:8443}
 * @param kexecKernel kernel URL for kexec, null for a plain reboot
 */
public record RequestReboot(
        String requestId,
        String deploymentId,
        String runId,
        String stepId,
        String hostId,
        String proxyUrl,
        String kexecKernel,
        String kexecInitram,
        String kexecAppend,
        List<String> kexecExtra,
        int timeoutSeconds) implements StaypuftEvent {

    @Override
    public String aggregateId() {
        return hostId;
    }
}
