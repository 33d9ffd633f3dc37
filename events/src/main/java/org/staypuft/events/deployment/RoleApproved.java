package org.staypuft.events.deployment;

import org.staypuft.events.StaypuftEvent;

/**
 * An operator approved a role that waited for an approval ({@link RoleApprovalRequested}): it starts.
 *
 * @param role the approved role
 * @param approvedBy the operator who approved it (the JWT's {@code upn}, else its subject)
 * @param waitedMillis how long the role waited for the approval
 */
public record RoleApproved(String deploymentId, String runId, String role, String approvedBy, long waitedMillis)
        implements
            StaypuftEvent {

    @Override
    public String aggregateId() {
        return deploymentId;
    }
}
