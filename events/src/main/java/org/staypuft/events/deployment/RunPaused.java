package org.staypuft.events.deployment;

import org.staypuft.events.StaypuftEvent;

/**
 * A host of the run waited for a part of Staypuft longer than the orchestrator's wait limit: the run is paused. No
 * new host starts; steps under way go on and nothing is failed. An operator resumes it ({@link RunResumed}).
 *
 * @param part the part waited for ({@code puppet-runner}, {@code host-registry}, {@code puppet-server})
 * @param detail what exactly was not answered, as the run's API shows it
 * @param waitingSince since when the host waited (RFC 3339, UTC)
 * @param waitLimit the limit it reached, an ISO-8601 duration such as {@code PT30M}
 * @param reason the run's reason, for people
 */
public record RunPaused(String deploymentId, String runId, String part, String detail, String waitingSince,
        String waitLimit, String reason) implements StaypuftEvent {

    @Override
    public String aggregateId() {
        return deploymentId;
    }
}
