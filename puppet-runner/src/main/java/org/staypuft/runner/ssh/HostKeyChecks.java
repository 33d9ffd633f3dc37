package org.staypuft.runner.ssh;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.staypuft.events.host.SshHostKey;
import org.staypuft.runner.config.HostKeyPolicy;
import org.staypuft.runner.config.RunnerConfig;

/** Builds the host key check of a connection from the configured policy, the request's keys and the pinned key. */
@ApplicationScoped
public class HostKeyChecks {

    @Inject
    RunnerConfig config;

    @Inject
    PinnedHostKeyRepository pinnedKeys;

    public HostKeyCheck forHost(String hostId, List<SshHostKey> expected) {
        List<String> expectedLines = expected == null
                ? List.of()
                : expected.stream().map(SshHostKey::openSshLine).toList();
        HostKeyPolicy policy = config.ssh().hostKeyPolicy()
                .orElse(expectedLines.isEmpty() ? HostKeyPolicy.ACCEPT_NEW : HostKeyPolicy.STRICT);
        Optional<String> pinned = policy == HostKeyPolicy.ACCEPT_NEW ? pinnedKeys.pinnedKey(hostId) : Optional.empty();
        return new HostKeyCheck(policy, expectedLines, pinned);
    }

    /** After a successful connection: remember the key of a host met for the first time. */
    public void pinIfFirstContact(String hostId, HostKeyCheck check) {
        check.keyToPin().ifPresent(key -> pinnedKeys.pin(hostId, key));
    }
}
