package org.staypuft.events.deployment;

import org.staypuft.events.StaypuftEvent;

/**
 * No host of the run waits for the part any more (it answered, or the steps that waited ended otherwise): the end of
 * the wait a {@link RunWaiting} announced.
 *
 * @param part the part, as in its {@link RunWaiting}
 * @param since when the wait began (RFC 3339, UTC), as in its {@link RunWaiting}
 * @param waitedMillis how long the run waited for it
 */
public record RunWaitEnded(String deploymentId, String runId, String part, String since, long waitedMillis)
        implements
            StaypuftEvent {

    @Override
    public String aggregateId() {
        return deploymentId;
    }
}
