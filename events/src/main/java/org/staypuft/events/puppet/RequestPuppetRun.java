package org.staypuft.events.puppet;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.staypuft.events.StartLimit;
import org.staypuft.events.StaypuftEvent;
import org.staypuft.events.host.SshHostKey;

/**
 * Command to the puppet-runner: run puppet once on a host over SSH and report. Redelivering the same
 * {@code requestId} never runs puppet twice.
 *
 * @param stepId the orchestrator's host step this run belongs to
 * @param expectedHostKeys the host's SSH host keys from its facts or built callback; empty when unknown
 * @param sshReadyTimeoutSeconds how long to keep retrying a host that does not answer SSH yet (just rebooted, still
 *        installing) before the run is {@link RunOutcome#UNREACHABLE}
 * @param timeoutSeconds how long the run may take, once connected, before it is terminated
 * @param notAfter the moment (RFC 3339, UTC) after which the run must not start any more: a runner that gets to it
 *        later answers {@link RunOutcome#EXPIRED} and runs nothing; null (older requesters): no such limit
 */
public record RequestPuppetRun(
        String requestId,
        String deploymentId,
        String runId,
        String stepId,
        String hostId,
        String hostName,
        String address,
        int port,
        String sshUser,
        String environment,
        RunPurpose purpose,
        List<SshHostKey> expectedHostKeys,
        int sshReadyTimeoutSeconds,
        int timeoutSeconds,
        String notAfter) implements StaypuftEvent {

    /** A request without a start limit (requesters before {@code notAfter}, tests). */
    public RequestPuppetRun(String requestId, String deploymentId, String runId, String stepId, String hostId,
            String hostName, String address, int port, String sshUser, String environment, RunPurpose purpose,
            List<SshHostKey> expectedHostKeys, int sshReadyTimeoutSeconds, int timeoutSeconds) {
        this(requestId, deploymentId, runId, stepId, hostId, hostName, address, port, sshUser, environment, purpose,
                expectedHostKeys, sshReadyTimeoutSeconds, timeoutSeconds, null);
    }

    /** The same request with a start limit. */
    public RequestPuppetRun notAfter(Instant limit) {
        return new RequestPuppetRun(requestId, deploymentId, runId, stepId, hostId, hostName, address, port, sshUser,
                environment, purpose, expectedHostKeys, sshReadyTimeoutSeconds, timeoutSeconds,
                StartLimit.text(limit));
    }

    /**
     * {@link #notAfter} as an instant; empty when absent. An unreadable value is refused by the runner's validation.
     */
    public Optional<Instant> startLimit() {
        return StartLimit.of(notAfter);
    }

    /** Whether the run must not start at {@code now} any more. */
    public boolean expiredAt(Instant now) {
        return StartLimit.passedAt(notAfter, now);
    }

    @Override
    public String aggregateId() {
        return hostId;
    }
}
