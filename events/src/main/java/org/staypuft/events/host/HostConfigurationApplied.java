package org.staypuft.events.host;

import org.staypuft.events.StaypuftEvent;

/**
 * The node classifier now answers with the environment and runmode of a {@link HostConfigurationChanged}. The
 * orchestrator waits for this before it asks for the puppet run that depends on them: otherwise the agent could
 * fetch its classification before the change arrived, and re-enabling the agent would silently change nothing.
 *
 * @param causationId the {@code ce_id} of the HostConfigurationChanged event that was applied
 */
public record HostConfigurationApplied(String hostId, String deploymentId, String environment, String runmode,
        String causationId) implements StaypuftEvent {

    @Override
    public String aggregateId() {
        return hostId;
    }
}
