package org.staypuft.events.puppet;

import java.util.List;

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
        int timeoutSeconds) implements StaypuftEvent {

    @Override
    public String aggregateId() {
        return hostId;
    }
}
