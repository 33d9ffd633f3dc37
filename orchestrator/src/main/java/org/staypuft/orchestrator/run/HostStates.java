package org.staypuft.orchestrator.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.staypuft.events.host.HostConfigurationChanged;
import org.staypuft.events.host.HostStateChanged;
import org.staypuft.kit.outbox.Outbox;
import org.staypuft.orchestrator.host.HostAssignment;
import org.staypuft.orchestrator.host.HostAssignmentRepository;

/**
 * The inventory side of a run: the state we announce for each host (host-state-changed) and the environment and
 * runmode the registry's node classifier answers puppet with (host-configuration-changed).
 */
@ApplicationScoped
public class HostStates {

    public static final String RUNMODE_NONE = "none";
    public static final String RUNMODE_SERVICE = "service";

    @Inject
    HostAssignmentRepository assignments;

    @Inject
    Outbox outbox;

    /** Announces {@code deploying} when the host starts work and was not already deploying. */
    public void deploying(Run run, HostStep step) {
        change(run, step, HostAssignment.DEPLOYING, null);
    }

    public void failed(Run run, HostStep step, String reason) {
        change(run, step, HostAssignment.FAILED, reason);
    }

    public void deployed(Run run, HostStep step) {
        HostAssignment assignment = assignments.findById(step.hostId);
        if (assignment != null && run.deploymentId.equals(assignment.deploymentId)) {
            assignment.deployed = true;
        }
        change(run, step, HostAssignment.DEPLOYED, null);
    }

    /** Back to {@code assigned}: the run ended before it got this host through. */
    public void idle(Run run, HostStep step) {
        change(run, step, HostAssignment.ASSIGNED, null);
    }

    /** @return the event's ce_id, which the registry's host-configuration-applied names as its cause */
    public String configure(Run run, HostStep step, String environment, String runmode) {
        return outbox.publish(new HostConfigurationChanged(step.hostId, run.deploymentId, environment, runmode))
                .id();
    }

    private void change(Run run, HostStep step, String state, String reason) {
        HostAssignment assignment = assignments.findById(step.hostId);
        if (assignment == null || !run.deploymentId.equals(assignment.deploymentId)) {
            return; // unassigned meanwhile: the registry no longer hears about it from this deployment
        }
        if (state.equals(assignment.state) && reason == null) {
            return;
        }
        assignment.state = state;
        outbox.publish(new HostStateChanged(step.hostId, run.deploymentId, state, reason));
    }
}
