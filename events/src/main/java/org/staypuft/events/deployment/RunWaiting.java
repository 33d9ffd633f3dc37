package org.staypuft.events.deployment;

import org.staypuft.events.StaypuftEvent;

/**
 * A run started waiting for a part of Staypuft (issue 11): steps whose deadline passed without an answer from that
 * part wait for it instead of failing their hosts. Published once when the first host of the run starts waiting for
 * the part, never per re-check; {@link RunWaitEnded} follows when the last host's wait for it is over.
 *
 * @param part the part waited for: {@code puppet-runner}, {@code host-registry} or {@code puppet-server}
 * @param detail what exactly was not answered, as the run's API shows it, e.g. {@code puppet-runner (the run is
 *        queued, not started on the host)}
 * @param since when the first host started waiting for it (RFC 3339, UTC)
 * @param hosts how many hosts of the run waited for it when the wait began; the API has the current count
 */
public record RunWaiting(String deploymentId, String runId, String part, String detail, String since, int hosts)
        implements
            StaypuftEvent {

    @Override
    public String aggregateId() {
        return deploymentId;
    }
}
