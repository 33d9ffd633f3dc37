package org.staypuft.orchestrator.run.command;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.staypuft.events.host.HostConfigurationChanged;
import org.staypuft.events.host.HostState;
import org.staypuft.events.host.HostStateChanged;
import org.staypuft.events.host.Runmode;
import org.staypuft.kit.outbox.Outbox;
import org.staypuft.orchestrator.deployment.HostAssignment;
import org.staypuft.orchestrator.deployment.HostAssignmentRepository;

/**
 * The inventory side of a run: the state we announce for each host (host-state-changed) and the environment and
 * runmode the registry's node classifier answers puppet with (host-configuration-changed).
 */
@ApplicationScoped
public class HostStates {

    @Inject
    HostAssignmentRepository assignments;

    @Inject
    Outbox outbox;

    /** Announces {@code deploying} when the host starts work and was not already deploying. */
    public void deploying(String deploymentId, String hostId) {
        change(deploymentId, hostId, HostState.DEPLOYING, null);
    }

    public void failed(String deploymentId, String hostId, String reason) {
        change(deploymentId, hostId, HostState.FAILED, reason);
    }

    public void deployed(String deploymentId, String hostId) {
        HostAssignment assignment = assignments.findById(hostId);
        if (assignment != null && deploymentId.equals(assignment.deploymentId)) {
            assignment.deployed = true;
        }
        change(deploymentId, hostId, HostState.DEPLOYED, null);
    }

    /** Back to {@code assigned}: the run ended before it got this host through. */
    public void idle(String deploymentId, String hostId) {
        change(deploymentId, hostId, HostState.ASSIGNED, null);
    }

    /** @return the event's ce_id, which the registry's host-configuration-applied names as its cause */
    public String configure(String deploymentId, String hostId, String environment, Runmode runmode) {
        return outbox.publish(new HostConfigurationChanged(hostId, deploymentId, environment, runmode.wireName()))
                .id();
    }

    private void change(String deploymentId, String hostId, HostState state, String reason) {
        HostAssignment assignment = assignments.findById(hostId);
        if (assignment == null || !deploymentId.equals(assignment.deploymentId)) {
            return; // unassigned meanwhile: the registry no longer hears about it from this deployment
        }
        if (state.wireName().equals(assignment.state) && reason == null) {
            return;
        }
        assignment.state = state.wireName();
        outbox.publish(new HostStateChanged(hostId, deploymentId, state.wireName(), reason));
    }
}
