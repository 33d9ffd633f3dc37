package org.staypuft.events.deployment;

import org.staypuft.events.StaypuftEvent;

/**
 * An operator resumed a paused run: new hosts start again, and the wait limit counts again from now for the hosts
 * that still wait.
 *
 * @param resumedBy the operator who resumed it
 * @param pausedMillis how long the run was paused
 */
public record RunResumed(String deploymentId, String runId, String resumedBy, long pausedMillis)
        implements
            StaypuftEvent {

    @Override
    public String aggregateId() {
        return deploymentId;
    }
}
