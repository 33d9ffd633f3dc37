package org.staypuft.events.deployment;

import org.staypuft.events.StaypuftEvent;

/**
 * A role that needs an operator's approval has all its dependencies ready: it waits, none of its hosts starts (not
 * even its prepare), until an operator approves it ({@link RoleApproved}) or its approval timeout passes (the role
 * fails: {@link RoleFailed}).
 *
 * @param role the role that waits
 * @param hostCount hosts of the role in this run
 * @param timeoutSeconds how long it waits for the approval before it fails; null: as long as it takes
 * @param deadline when it fails without an approval (ISO-8601 instant); null without a timeout
 */
public record RoleApprovalRequested(String deploymentId, String runId, String role, int hostCount,
        Integer timeoutSeconds, String deadline)
        implements
            StaypuftEvent {

    @Override
    public String aggregateId() {
        return deploymentId;
    }
}
