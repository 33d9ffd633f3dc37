package org.staypuft.events.provisioning;

import org.staypuft.events.StaypuftEvent;

/**
 * What the discovery image's proxy answered to a reboot request.
 *
 * @param expired nothing was sent: the runner got to the request after its {@code notAfter}. Not the host's doing;
 *        the requester may ask again. Null (absent): false
 */
public record RebootCompleted(
        String requestId,
        String deploymentId,
        String runId,
        String stepId,
        String hostId,
        boolean succeeded,
        String reason,
        Boolean expired) implements StaypuftEvent {

    /** An answer the proxy gave (or a refusal): not an expiry. */
    public RebootCompleted(String requestId, String deploymentId, String runId, String stepId, String hostId,
            boolean succeeded, String reason) {
        this(requestId, deploymentId, runId, stepId, hostId, succeeded, reason, null);
    }

    /** Whether nothing was sent because the request's start limit had passed. */
    public boolean wasExpired() {
        return Boolean.TRUE.equals(expired);
    }

    @Override
    public String aggregateId() {
        return hostId;
    }
}
