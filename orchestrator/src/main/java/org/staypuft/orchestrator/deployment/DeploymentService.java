package org.staypuft.orchestrator.deployment;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.staypuft.events.deployment.DeploymentConfigured;
import org.staypuft.kit.json.JsonColumns;
import org.staypuft.kit.outbox.Outbox;
import org.staypuft.kit.problem.FieldError;
import org.staypuft.kit.problem.ProblemException;
import org.staypuft.orchestrator.api.DeploymentSpec;
import org.staypuft.orchestrator.api.DeploymentSpec.RoleSpec;
import org.staypuft.orchestrator.api.DeploymentView;
import org.staypuft.orchestrator.persistence.Names;
import org.staypuft.orchestrator.persistence.RowLocks;

/**
 * Create, update, read and delete deployments. A definition is validated as a whole and every check is done
 * before the first write, so a refused request changes nothing. Create, update and import publish
 * deployment-configured (parameters and Puppet classes for the host registry's classifier) in their transaction.
 * Deletion publishes no event of its own: it unassigns every host first, so no host is classified with the
 * deleted deployment's configuration, and deployment ids are never reused.
 */
@ApplicationScoped
public class DeploymentService {

    @Inject
    DeploymentValidator validator;

    @Inject
    DeploymentRepository deployments;

    @Inject
    DeploymentRoleRepository roles;

    @Inject
    HostAssignmentRepository assignmentRepository;

    @Inject
    AssignmentService assignments;

    @Inject
    ActiveRuns activeRuns;

    @Inject
    RowLocks locks;

    @Inject
    Outbox outbox;

    @Inject
    SecretParameters secretParameters;

    @Inject
    EntityManager entityManager;

    /** Creates a deployment and assigns the hosts its roles list. */
    @Transactional
    public DeploymentView create(DeploymentSpec spec) {
        DeploymentValidator.Result result = validator.validate(spec);
        List<FieldError> problems = new ArrayList<>(result.problems());
        if (spec != null && spec.name() != null && deployments.findByName(spec.name()).isPresent()) {
            problems.add(new FieldError("name", "a deployment named " + spec.name() + " exists"));
        }
        String id = UUID.randomUUID().toString();
        DeploymentConfigured configured = null;
        Map<String, String> secrets = Map.of();
        if (result.valid()) {
            hostProblems(spec, id, problems);
            secrets = secretParameters.seal("secretParameters", spec.secretParameters(), Map.of(), problems);
            sealRoleSecrets(spec, result.roles(), Map.of(), problems);
            configured = DeploymentConfigurations.of(id, spec.name(), spec.parameters(), secrets, result.roles());
            DeploymentConfigurations.tooLarge(configured).ifPresent(problems::add);
        }
        refuse(problems);

        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Deployment deployment = new Deployment();
        deployment.id = id;
        deployment.createdAt = now;
        apply(deployment, spec, secrets, now);
        deployments.persist(deployment);
        saveRoles(deployment, result.roles());
        entityManager.flush();
        outbox.publish(configured);
        for (RoleSpec role : spec.roles()) {
            for (String host : role.hosts() == null ? List.<String>of() : role.hosts()) {
                assignments.assignUnchecked(deployment, role.name(), host);
            }
        }
        return view(deployment);
    }

    /**
     * Replaces the definition. A role whose {@code hosts} is given gets exactly those hosts; left out, its hosts
     * stay. Refused while a run is active, and when a removed role still has hosts.
     */
    @Transactional
    public DeploymentView update(String id, DeploymentSpec spec) {
        Deployment deployment = locked(id);
        assignments.refuseDuringActiveRun(id, "edit the deployment");
        DeploymentValidator.Result result = validator.validate(spec);
        List<FieldError> problems = new ArrayList<>(result.problems());
        if (spec != null && spec.name() != null) {
            deployments.findByName(spec.name()).filter(other -> !other.id.equals(id)).ifPresent(other -> problems
                    .add(new FieldError("name", "a deployment named " + spec.name() + " exists")));
        }
        List<HostAssignment> current = assignmentRepository.ofDeployment(id);
        DeploymentConfigured configured = null;
        Map<String, String> secrets = Map.of();
        if (result.valid()) {
            secrets = secretParameters.seal("secretParameters", spec.secretParameters(),
                    JsonColumns.stringMap(deployment.secretParameters), problems);
            Map<String, Map<String, String>> storedRoleSecrets = new HashMap<>();
            for (DeploymentRole stored : roles.ofDeployment(id)) {
                storedRoleSecrets.put(stored.name, stored.sealedSecretParameters());
                // The roles are replaced below by new entities of the same ids.
                entityManager.detach(stored);
            }
            sealRoleSecrets(spec, result.roles(), storedRoleSecrets, problems);
            configured = DeploymentConfigurations.of(id, spec.name(), spec.parameters(), secrets, result.roles());
            DeploymentConfigurations.tooLarge(configured).ifPresent(problems::add);
            Map<String, RoleSpec> wanted = new LinkedHashMap<>();
            spec.roles().forEach(role -> wanted.put(role.name(), role));
            for (HostAssignment assignment : current) {
                RoleSpec role = wanted.get(assignment.role);
                if (role == null) {
                    problems.add(new FieldError("roles", "role " + assignment.role + " is removed but host "
                            + assignment.hostId + " is assigned to it; unassign it first"));
                }
            }
            for (int i = 0; i < spec.roles().size(); i++) {
                RoleSpec role = spec.roles().get(i);
                long kept = role.hosts() != null
                        ? role.hosts().size()
                        : current.stream().filter(a -> a.role.equals(role.name())).count();
                if (role.maxHosts() != null && kept > role.maxHosts()) {
                    problems.add(new FieldError("roles[" + i + "].maxHosts", "too many hosts: role " + role.name()
                            + " has " + kept + " hosts, more than " + role.maxHosts()));
                }
            }
            hostProblems(spec, id, problems);
        }
        refuse(problems);

        apply(deployment, spec, secrets, OffsetDateTime.now(ZoneOffset.UTC));
        roles.deleteOfDeployment(id);
        entityManager.flush();
        saveRoles(deployment, result.roles());
        outbox.publish(configured);
        for (RoleSpec role : spec.roles()) {
            if (role.hosts() == null) {
                continue;
            }
            Set<String> wantedHosts = new HashSet<>(role.hosts());
            Set<String> have = new HashSet<>();
            for (HostAssignment assignment : current) {
                if (assignment.role.equals(role.name())) {
                    if (wantedHosts.contains(assignment.hostId)) {
                        have.add(assignment.hostId);
                    } else {
                        assignments.unassignUnchecked(assignment);
                    }
                }
            }
            entityManager.flush();
            for (String host : role.hosts()) {
                if (!have.contains(host)) {
                    HostAssignment elsewhere = assignmentRepository.findById(host);
                    if (elsewhere != null) { // moves between roles of this deployment
                        assignments.unassignUnchecked(elsewhere);
                        entityManager.flush();
                    }
                    assignments.assignUnchecked(deployment, role.name(), host);
                }
            }
        }
        return view(deployment);
    }

    /** Deletes a deployment, its runs' history, and frees its hosts. */
    @Transactional
    public void delete(String id) {
        locked(id);
        assignments.refuseDuringActiveRun(id, "delete the deployment");
        for (HostAssignment assignment : assignmentRepository.ofDeployment(id)) {
            assignments.unassignUnchecked(assignment);
        }
        entityManager.flush();
        entityManager.createNativeQuery("DELETE FROM deployment WHERE id = :id").setParameter("id", id)
                .executeUpdate();
    }

    @Transactional
    public DeploymentView get(String id) {
        Deployment deployment = deployments.findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("id", "no deployment " + id));
        return view(deployment);
    }

    @Transactional
    public List<DeploymentView> list() {
        return deployments.listByName().stream().map(this::view).toList();
    }

    /** The definition as it would be imported again: every value explicit, hosts listed by role. */
    @Transactional
    public DeploymentSpec export(String id) {
        DeploymentView view = get(id);
        return new DeploymentSpec(view.name(), view.description(), view.parameters(), view.secretParameters(),
                view.roles());
    }

    private void hostProblems(DeploymentSpec spec, String deploymentId, List<FieldError> problems) {
        for (int i = 0; i < spec.roles().size(); i++) {
            RoleSpec role = spec.roles().get(i);
            for (String host : role.hosts() == null ? List.<String>of() : role.hosts()) {
                HostAssignment existing = assignmentRepository.findById(host);
                if (existing != null && existing.deploymentId.equals(deploymentId)) {
                    continue; // already ours; a move between roles is fine
                }
                assignments.problem("roles[" + i + "].hosts", host, deploymentId).ifPresent(problems::add);
            }
        }
    }

    private static void refuse(List<FieldError> problems) {
        if (!problems.isEmpty()) {
            throw new ProblemException(400, "Invalid deployment", problems);
        }
    }

    /** Seals each role's secret parameters into its entity, keeping stored values sent back redacted. */
    private void sealRoleSecrets(DeploymentSpec spec, List<DeploymentRole> resolved,
            Map<String, Map<String, String>> stored, List<FieldError> problems) {
        for (int i = 0; i < spec.roles().size(); i++) {
            RoleSpec role = spec.roles().get(i);
            Map<String, String> sealed = secretParameters.seal("roles[" + i + "].secretParameters",
                    role.secretParameters(), stored.getOrDefault(role.name(), Map.of()), problems);
            resolved.stream().filter(entity -> entity.name.equals(role.name())).findFirst()
                    .ifPresent(entity -> entity.secretParameters = JsonColumns.write(sealed));
        }
    }

    private static void apply(Deployment deployment, DeploymentSpec spec, Map<String, String> sealedSecrets,
            OffsetDateTime now) {
        deployment.name = spec.name();
        deployment.description = spec.description();
        deployment.parameters = JsonColumns.write(spec.parameters() == null ? Map.of() : spec.parameters());
        deployment.secretParameters = JsonColumns.write(sealedSecrets);
        deployment.updatedAt = now;
    }

    private void saveRoles(Deployment deployment, List<DeploymentRole> resolved) {
        for (DeploymentRole role : resolved) {
            role.deploymentId = deployment.id;
            roles.persist(role);
        }
    }

    private Deployment locked(String id) {
        if (!locks.lockDeployment(id)) {
            throw ProblemException.notFound("id", "no deployment " + id);
        }
        return deployments.findById(id);
    }

    private DeploymentView view(Deployment deployment) {
        List<HostAssignment> assigned = assignmentRepository.ofDeployment(deployment.id);
        List<RoleSpec> roleSpecs = roles.ofDeployment(deployment.id).stream().map(role -> new RoleSpec(role.name,
                Names.split(role.dependsOn), role.puppetClassList(), role.parameterMap(),
                SecretParameters.redacted(role.sealedSecretParameters()), role.policy.mode,
                role.policy.maxConcurrent, role.policy.puppetRuns, role.minHosts,
                role.maxHosts,
                role.policy.toleratesFailures()
                        ? new DeploymentSpec.FailureTolerance(role.policy.toleratedFailures,
                                role.policy.toleratedFailurePercent)
                        : null,
                new DeploymentSpec.Timeouts(role.policy.provisioningTimeoutSeconds, role.policy.sshReadyTimeoutSeconds,
                        role.policy.puppetRunTimeoutSeconds),
                role.policy.sshPort == null && role.policy.sshUser == null
                        ? null
                        : new DeploymentSpec.Ssh(role.policy.sshPort, role.policy.sshUser),
                role.policy.approvalRequired
                        ? new DeploymentSpec.Approval(true, role.policy.approvalTimeoutSeconds)
                        : null,
                assigned.stream().filter(a -> a.role.equals(role.name)).map(a -> a.hostId).toList())).toList();
        String activeRun = activeRuns.of(deployment.id).map(ActiveRuns.ActiveRun::id).orElse(null);
        return new DeploymentView(deployment.id, deployment.name, deployment.description,
                JsonColumns.stringMap(deployment.parameters),
                SecretParameters.redacted(JsonColumns.stringMap(deployment.secretParameters)), roleSpecs, activeRun,
                deployment.createdAt,
                deployment.updatedAt);
    }
}
