package org.staypuft.orchestrator.deployment;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.staypuft.events.host.HostAssigned;
import org.staypuft.events.host.HostState;
import org.staypuft.events.host.HostStateChanged;
import org.staypuft.events.host.HostUnassigned;
import org.staypuft.events.host.PuppetEnvironments;
import org.staypuft.kit.outbox.Outbox;
import org.staypuft.kit.problem.FieldError;
import org.staypuft.kit.problem.ProblemException;
import org.staypuft.orchestrator.host.KnownHostRepository;
import org.staypuft.orchestrator.persistence.RowLocks;

/**
 * Hosts in and out of a deployment's roles. Assigning publishes host-assigned (the registry makes the host managed,
 * sets its role and build flag and the {@code discovery} environment); unassigning publishes host-unassigned.
 */
@ApplicationScoped
public class AssignmentService {

    @Inject
    RowLocks locks;

    @Inject
    DeploymentRepository deployments;

    @Inject
    DeploymentRoleRepository roles;

    @Inject
    KnownHostRepository hosts;

    @Inject
    HostAssignmentRepository assignments;

    @Inject
    ActiveRuns activeRuns;

    @Inject
    Outbox outbox;

    @Transactional
    public HostAssignment assign(String deploymentId, String roleName, String hostId) {
        Deployment deployment = lockedDeployment(deploymentId);
        DeploymentRole role = roles.find(deploymentId, roleName).orElseThrow(
                () -> ProblemException.notFound("role", "deployment " + deployment.name + " has no role " + roleName));
        refuseDuringActiveRun(deploymentId, "assign hosts");
        HostAssignment existing = assignments.findById(hostId);
        if (existing != null && existing.deploymentId.equals(deploymentId) && existing.role.equals(roleName)) {
            return existing; // assigning twice is harmless
        }
        if (hosts.findById(hostId) == null) {
            throw ProblemException.notFound("hostId", "unknown host " + hostId + ": no host event named it");
        }
        problem("hostId", hostId, deploymentId).ifPresent(problem -> {
            throw new ProblemException(409, "Host cannot be assigned", List.of(problem));
        });
        if (role.maxHosts != null && assignments.countInRole(deploymentId, roleName) >= role.maxHosts) {
            throw ProblemException.conflict("hostId", "too many hosts: role " + roleName + " takes at most "
                    + role.maxHosts + " hosts and has them");
        }
        return assignUnchecked(deployment, roleName, hostId);
    }

    @Transactional
    public void unassign(String deploymentId, String roleName, String hostId) {
        lockedDeployment(deploymentId);
        refuseDuringActiveRun(deploymentId, "unassign hosts");
        HostAssignment assignment = assignments.findById(hostId);
        if (assignment == null || !assignment.deploymentId.equals(deploymentId)
                || !assignment.role.equals(roleName)) {
            throw ProblemException.notFound("hostId", "host " + hostId + " is not assigned to role " + roleName);
        }
        unassignUnchecked(assignment);
    }

    /**
     * Why the host cannot join the deployment, if it cannot: unknown (no host event named it) or in another
     * deployment.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<FieldError> problem(String field, String hostId, String deploymentId) {
        if (hosts.findById(hostId) == null) {
            return Optional.of(new FieldError(field, "unknown host " + hostId + ": no host event named it"));
        }
        HostAssignment existing = assignments.findById(hostId);
        if (existing != null && !existing.deploymentId.equals(deploymentId)) {
            String other = Optional.ofNullable(deployments.findById(existing.deploymentId)).map(d -> d.name)
                    .orElse(existing.deploymentId);
            return Optional.of(new FieldError(field, "host " + hostId + " is already in deployment " + other));
        }
        if (existing != null) {
            return Optional.of(new FieldError(field, "host " + hostId + " is already in role " + existing.role
                    + "; unassign it first"));
        }
        return Optional.empty();
    }

    /** Assigns after the caller checked everything. */
    @Transactional(Transactional.TxType.MANDATORY)
    public HostAssignment assignUnchecked(Deployment deployment, String role, String hostId) {
        return assignUnchecked(deployment, role, hostId, null, null);
    }

    /**
     * Assigns after the caller checked everything; {@code rule} is the discovery rule that did it and
     * {@code givenName} the name its pattern gave (both null for an operator's assignment). The one way a host gets
     * into a role: host-assigned and host-state-changed go through the outbox in this transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public HostAssignment assignUnchecked(Deployment deployment, String role, String hostId, String rule,
            String givenName) {
        HostAssignment assignment = new HostAssignment();
        assignment.hostId = hostId;
        assignment.deploymentId = deployment.id;
        assignment.role = role;
        assignment.ordinal = assignments.nextOrdinal();
        assignment.state = HostState.ASSIGNED.wireName();
        assignment.assignedAt = OffsetDateTime.now(ZoneOffset.UTC);
        assignment.rule = rule;
        assignment.givenName = givenName;
        assignments.persist(assignment);
        // the discovery environment until a run prepares it
        outbox.publish(new HostAssigned(hostId, deployment.id, deployment.name, role, PuppetEnvironments.DISCOVERY,
                rule, givenName));
        outbox.publish(new HostStateChanged(hostId, deployment.id, HostState.ASSIGNED.wireName(), null));
        return assignment;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void unassignUnchecked(HostAssignment assignment) {
        assignments.delete(assignment);
        outbox.publish(new HostUnassigned(assignment.hostId, assignment.deploymentId, assignment.role));
        outbox.publish(new HostStateChanged(assignment.hostId, assignment.deploymentId, HostState.FREE.wireName(),
                null));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void refuseDuringActiveRun(String deploymentId, String what) {
        activeRuns.of(deploymentId).ifPresent(run -> {
            throw ProblemException.conflict("id", "cannot " + what + " while run " + run.id() + " is "
                    + run.status());
        });
    }

    private Deployment lockedDeployment(String deploymentId) {
        if (!locks.lockDeployment(deploymentId)) {
            throw ProblemException.notFound("id", "no deployment " + deploymentId);
        }
        return deployments.findById(deploymentId);
    }
}
