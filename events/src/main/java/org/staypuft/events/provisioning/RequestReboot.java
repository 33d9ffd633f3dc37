package org.staypuft.events.provisioning;

import java.time.Instant;
import java.util.List;

import org.staypuft.events.StartLimit;
import org.staypuft.events.StaypuftEvent;

/**
 * Command to the puppet-runner: reboot a discovered host into its installer through the discovery image's proxy
 * ({@code PUT /power/reboot}, or {@code PUT /power/kexec} when kernel and initram are given).
 *
 * @param proxyUrl base URL of the discovery image's proxy, e.g. {@code https://192.0.2.10:8443}
 * @param kexecKernel kernel URL for kexec, null for a plain reboot
 * @param notAfter the moment (RFC 3339, UTC) after which the reboot must not be sent any more: a runner that gets to
 *        it later answers {@link RebootCompleted#expired()} and sends nothing; null: no such limit
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
        int timeoutSeconds,
        String notAfter) implements StaypuftEvent {

    /** A reboot without a start limit (requesters before {@code notAfter}, tests). */
    public RequestReboot(String requestId, String deploymentId, String runId, String stepId, String hostId,
            String proxyUrl, String kexecKernel, String kexecInitram, String kexecAppend, List<String> kexecExtra,
            int timeoutSeconds) {
        this(requestId, deploymentId, runId, stepId, hostId, proxyUrl, kexecKernel, kexecInitram, kexecAppend,
                kexecExtra, timeoutSeconds, null);
    }

    /** Whether the reboot must not be sent at {@code now} any more. */
    public boolean expiredAt(Instant now) {
        return StartLimit.passedAt(notAfter, now);
    }

    @Override
    public String aggregateId() {
        return hostId;
    }
}
