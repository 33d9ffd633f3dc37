package org.staypuft.simulator.puppet;

import java.time.Instant;
import java.util.List;

/**
 * One run that took the agent's lock, as the host saw it: what tests use to prove how often and in which order a
 * host was configured.
 *
 * @param environment the environment the run applied
 * @param runmode the runmode it brought {@code Service[puppet]} to
 * @param startedAt when the run took the lock
 * @param finishedAt when it released it
 * @param terminated stopped by a signal or a closed channel before it finished: no report, no exit code
 * @param exitCode the {@code --detailed-exitcodes} status of a finished run, -1 for a terminated one
 * @param changed references of the resources the run changed, e.g. {@code Service[puppet]}
 */
public record AgentRunRecord(String environment, Runmode runmode, Instant startedAt, Instant finishedAt,
        boolean terminated, int exitCode, List<String> changed) {

    public AgentRunRecord {
        changed = List.copyOf(changed);
    }

    /** A finished run that ended the agent service in the {@code service} runmode: the enable-agent run. */
    public boolean enabledAgent() {
        return !terminated && runmode == Runmode.SERVICE;
    }
}
