package org.staypuft.orchestrator.discovery;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.staypuft.kit.problem.FieldError;
import org.staypuft.kit.problem.ProblemException;
import org.staypuft.orchestrator.api.DiscoveryRuleSpec;
import org.staypuft.orchestrator.api.DiscoveryRuleView;
import org.staypuft.orchestrator.api.RuleTrial;
import org.staypuft.orchestrator.deployment.ActiveRuns;
import org.staypuft.orchestrator.deployment.AssignmentService;
import org.staypuft.orchestrator.deployment.Deployment;
import org.staypuft.orchestrator.deployment.DeploymentRepository;
import org.staypuft.orchestrator.deployment.DeploymentRole;
import org.staypuft.orchestrator.deployment.DeploymentRoleRepository;
import org.staypuft.orchestrator.deployment.DeploymentValidator;
import org.staypuft.orchestrator.deployment.HostAssignment;
import org.staypuft.orchestrator.deployment.HostAssignmentRepository;
import org.staypuft.orchestrator.host.KnownHost;
import org.staypuft.orchestrator.host.KnownHostRepository;
import org.staypuft.orchestrator.persistence.RowLocks;

import dev.cel.runtime.CelEvaluationException;

/**
 * Discovery rules (ADR 0018): their definitions, and the evaluation that assigns a newly discovered (or re-described)
 * free host to the first rule, by priority, whose expression is true and that still has room.
 * <p>
 * Exactly once per host: the evaluation runs in the host-event consumer's inbox transaction (a redelivered event is
 * skipped), takes the deployment's and then the rule's row lock (two replicas cannot both pass the rule's count),
 * and records the host in {@code discovery_rule_take}, whose primary key refuses a second take of a host whatever
 * races. A host that is assigned, built, or was ever taken by a rule is not evaluated at all.
 */
@ApplicationScoped
public class DiscoveryRuleService {

    private static final Logger LOG = Logger.getLogger(DiscoveryRuleService.class);
    private static final Pattern NAME = Pattern.compile(DeploymentValidator.NAME_PATTERN);
    /** A host-name pattern without its placeholder: host-name characters. */
    private static final Pattern PATTERN_TEXT = Pattern.compile("^[a-z0-9]([a-z0-9.-]*)$");
    private static final int MAX_PRIORITY = 1_000_000;
    private static final int DEFAULT_PRIORITY = 100;
    private static final int MAX_HOST_NAME = 63;
    private static final int MAX_ERRORS = 20;

    @Inject
    DiscoveryRuleRepository rules;

    @Inject
    RuleTakeRepository takes;

    @Inject
    RuleExpressions expressions;

    @Inject
    DeploymentRepository deployments;

    @Inject
    DeploymentRoleRepository roles;

    @Inject
    HostAssignmentRepository assignments;

    @Inject
    KnownHostRepository hosts;

    @Inject
    AssignmentService assignmentService;

    @Inject
    ActiveRuns activeRuns;

    @Inject
    RowLocks locks;

    @Inject
    EntityManager entityManager;

    // --- definitions

    @Transactional
    public List<DiscoveryRuleView> list() {
        return rules.inOrder().stream().map(this::view).toList();
    }

    @Transactional
    public DiscoveryRuleView get(String name) {
        return view(byName(name));
    }

    @Transactional
    public DiscoveryRuleView create(DiscoveryRuleSpec spec) {
        if (spec == null) {
            throw ProblemException.invalid("body", "a discovery rule is required");
        }
        Deployment deployment = validate(spec, true);
        if (rules.findByName(spec.name()).isPresent()) {
            throw ProblemException.conflict("name", "a discovery rule named " + spec.name() + " exists");
        }
        DiscoveryRule rule = new DiscoveryRule();
        rule.id = UUID.randomUUID().toString();
        rule.name = spec.name();
        rule.createdAt = now();
        apply(rule, spec, deployment);
        rules.persist(rule);
        LOG.infof("Discovery rule %s created: %s -> %s/%s", rule.name, rule.expression, deployment.name, rule.role);
        return view(rule);
    }

    @Transactional
    public DiscoveryRuleView update(String name, DiscoveryRuleSpec spec) {
        if (spec == null) {
            throw ProblemException.invalid("body", "a discovery rule is required");
        }
        DiscoveryRule rule = locked(name);
        if (spec.name() != null && !spec.name().equals(name)) {
            throw ProblemException.invalid("name", "a rule cannot be renamed (" + name + " != " + spec.name() + ")");
        }
        Deployment deployment = validate(spec, false);
        apply(rule, spec, deployment);
        return view(rule);
    }

    @Transactional
    public void delete(String name) {
        rules.delete(locked(name));
    }

    @Transactional
    public DiscoveryRuleView enable(String name, boolean enabled) {
        DiscoveryRule rule = locked(name);
        rule.enabled = enabled;
        rule.updatedAt = now();
        return view(rule);
    }

    private void apply(DiscoveryRule rule, DiscoveryRuleSpec spec, Deployment deployment) {
        rule.priority = spec.priority() == null ? DEFAULT_PRIORITY : spec.priority();
        rule.expression = spec.expression();
        rule.deploymentId = deployment.id;
        rule.role = spec.role();
        rule.maxCount = spec.maxCount();
        rule.hostnamePattern = spec.hostnamePattern();
        rule.enabled = spec.enabled() == null || spec.enabled();
        rule.updatedAt = now();
    }

    /** Every problem of the spec at once, each naming its field; the deployment it names. */
    private Deployment validate(DiscoveryRuleSpec spec, boolean nameRequired) {
        List<FieldError> problems = new ArrayList<>();
        if (nameRequired && (spec.name() == null || !NAME.matcher(spec.name()).matches())) {
            problems.add(new FieldError("name", "lower case letters, digits and dashes, starting with a letter, at "
                    + "most 63 characters (" + DeploymentValidator.NAME_PATTERN + ")"));
        }
        if (spec.priority() != null && (spec.priority() < 0 || spec.priority() > MAX_PRIORITY)) {
            problems.add(new FieldError("priority", "between 0 and " + MAX_PRIORITY + " (lower is tried first)"));
        }
        if (spec.expression() == null || spec.expression().isBlank()) {
            problems.add(new FieldError("expression", "a CEL expression is required, e.g. facts.cpu_count >= 8"));
        } else if (spec.expression().length() > RuleExpressions.MAX_LENGTH) {
            problems.add(new FieldError("expression", "at most " + RuleExpressions.MAX_LENGTH + " characters"));
        } else {
            expressions.problem(spec.expression()).ifPresent(message -> problems.add(new FieldError("expression",
                    "not a valid rule expression: " + message)));
        }
        if (spec.maxCount() != null && spec.maxCount() < 1) {
            problems.add(new FieldError("maxCount", "at least 1 (leave it out for no limit)"));
        }
        patternProblem(spec.hostnamePattern()).ifPresent(message -> problems.add(new FieldError("hostnamePattern",
                message)));
        Deployment deployment = null;
        if (spec.deployment() == null || spec.deployment().isBlank()) {
            problems.add(new FieldError("deployment", "the name of the deployment the rule assigns hosts to"));
        } else {
            deployment = deployments.findByName(spec.deployment()).orElse(null);
            if (deployment == null) {
                problems.add(new FieldError("deployment", "no deployment named " + spec.deployment()));
            }
        }
        if (spec.role() == null || spec.role().isBlank()) {
            problems.add(new FieldError("role", "the role of the deployment the rule assigns hosts to"));
        } else if (deployment != null && roles.find(deployment.id, spec.role()).isEmpty()) {
            problems.add(new FieldError("role", "deployment " + deployment.name + " has no role " + spec.role()));
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(400, "Invalid discovery rule", problems);
        }
        return deployment;
    }

    private static Optional<String> patternProblem(String pattern) {
        if (pattern == null) {
            return Optional.empty();
        }
        int at = pattern.indexOf(DiscoveryRule.NUMBER);
        String text = pattern.replace(DiscoveryRule.NUMBER, "0");
        if (at < 0 || pattern.indexOf(DiscoveryRule.NUMBER, at + 1) >= 0) {
            return Optional.of("must contain ${n} exactly once, e.g. compute-${n}");
        }
        if (!PATTERN_TEXT.matcher(text).matches() || text.length() > MAX_HOST_NAME - 6) {
            return Optional.of("a host name with ${n}: lower case letters, digits, dots and dashes, starting with a "
                    + "letter or digit, at most " + (MAX_HOST_NAME - 6) + " characters besides ${n}");
        }
        return Optional.empty();
    }

    // --- evaluation

    /**
     * A host was discovered, registered or uploaded new facts (called in the host-event consumer's transaction, after
     * the host view took them): the first enabled rule by priority whose expression is true and that has room
     * assigns it.
     *
     * @return the assignment a rule made, if one did
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<HostAssignment> hostDescribed(String hostId) {
        KnownHost host = hosts.findById(hostId);
        if (host == null || host.builtAt != null || assignments.findById(hostId) != null
                || takes.findById(hostId) != null) {
            return Optional.empty(); // assigned, deploying, built, or a rule took it once: rules leave it alone
        }
        Map<String, Object> variables = HostFacts.of(host);
        if (variables == null) {
            return Optional.empty();
        }
        for (DiscoveryRule rule : rules.enabledInOrder()) {
            if (matches(rule, host, variables)) {
                Optional<HostAssignment> taken = take(rule.id, rule.deploymentId, host);
                if (taken.isPresent()) {
                    return taken;
                }
            }
        }
        return Optional.empty();
    }

    private boolean matches(DiscoveryRule rule, KnownHost host, Map<String, Object> variables) {
        try {
            return expressions.matches(rule.expression, variables);
        } catch (CelEvaluationException e) {
            LOG.debugf("Discovery rule %s does not apply to host %s: %s", rule.name, host.hostId, e.getMessage());
            return false;
        }
    }

    /** Takes the host for the rule if it still has room; lock order: deployment, then rule (as a deletion). */
    private Optional<HostAssignment> take(String ruleId, String deploymentId, KnownHost host) {
        if (!locks.lockDeployment(deploymentId) || !rules.lock(ruleId)) {
            return Optional.empty(); // deleted meanwhile
        }
        if (assignments.findById(host.hostId) != null || takes.findById(host.hostId) != null) {
            return Optional.empty(); // another replica took it while we waited for the locks (its commit is visible now)
        }
        DiscoveryRule rule = rules.findById(ruleId);
        entityManager.refresh(rule); // the locked row as it is now, not as the rule list read it
        if (!rule.enabled || rule.full() || !rule.deploymentId.equals(deploymentId)) {
            return Optional.empty();
        }
        Deployment deployment = deployments.findById(deploymentId);
        DeploymentRole role = roles.find(deploymentId, rule.role).orElse(null);
        if (role == null) {
            LOG.warnf("Discovery rule %s names role %s, which deployment %s no longer has: host %s left free",
                    rule.name, rule.role, deployment.name, host.hostId);
            return Optional.empty();
        }
        if (activeRuns.of(deploymentId).isPresent()) {
            LOG.infof("Discovery rule %s matches host %s, but deployment %s has a run going: host left free",
                    rule.name, host.hostId, deployment.name);
            return Optional.empty();
        }
        if (role.maxHosts != null && assignments.countInRole(deploymentId, role.name) >= role.maxHosts) {
            LOG.infof("Discovery rule %s matches host %s, but role %s is full (%d hosts)", rule.name, host.hostId,
                    role.name, role.maxHosts);
            return Optional.empty();
        }
        int number = rule.nextNumber();
        String hostName = null;
        if (rule.hostnamePattern != null) {
            while (takes.nameInUse(rule.nameFor(number))) {
                number++;
            }
            hostName = rule.nameFor(number);
        }
        rule.took(number);
        RuleTake take = new RuleTake();
        take.hostId = host.hostId;
        take.ruleId = rule.id;
        take.ruleName = rule.name;
        take.hostName = hostName;
        take.takenAt = now();
        takes.persist(take);
        takes.flush(); // the primary key refuses a second take of the host here, before anything is published
        LOG.infof("Discovery rule %s assigns host %s to %s/%s%s", rule.name, host.hostId, deployment.name,
                role.name, hostName == null ? "" : " as " + hostName);
        return Optional.of(assignmentService.assignUnchecked(deployment, role.name, host.hostId, rule.name,
                hostName));
    }

    // --- trial

    /** What the rule would take now, assigning nothing (the rule alone, whatever other rules would do). */
    @Transactional
    public RuleTrial trial(String name) {
        DiscoveryRule rule = byName(name);
        Integer room = rule.room();
        DeploymentRole role = roles.find(rule.deploymentId, rule.role).orElse(null);
        if (role == null) {
            room = 0;
        } else if (role.maxHosts != null) {
            int roleRoom = (int) Math.max(0, role.maxHosts - assignments.countInRole(rule.deploymentId, role.name));
            room = room == null ? roleRoom : Math.min(room, roleRoom);
        }
        List<RuleTrial.Candidate> wouldTake = new ArrayList<>();
        List<RuleTrial.Failure> errors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int number = rule.nextNumber();
        int matched = 0;
        for (KnownHost host : freeHosts()) {
            Map<String, Object> variables = HostFacts.of(host);
            boolean match;
            try {
                match = expressions.matches(rule.expression, variables);
            } catch (CelEvaluationException e) {
                if (errors.size() < MAX_ERRORS) {
                    errors.add(new RuleTrial.Failure(host.hostId, e.getMessage()));
                }
                continue;
            }
            if (!match) {
                continue;
            }
            matched++;
            if (room == null || wouldTake.size() < room) {
                String hostName = null;
                if (rule.hostnamePattern != null) {
                    while (names.contains(rule.nameFor(number)) || takes.nameGiven(rule.nameFor(number))) {
                        number++;
                    }
                    hostName = rule.nameFor(number);
                    names.add(hostName);
                    number++;
                }
                wouldTake.add(new RuleTrial.Candidate(host.hostId, host.name, hostName));
            }
        }
        return new RuleTrial(rule.name, rule.enabled, room, matched, wouldTake, errors);
    }

    /** The hosts rules may still take: with facts, not built, not assigned, never taken by a rule. */
    private List<KnownHost> freeHosts() {
        return entityManager.createQuery("SELECT h FROM KnownHost h WHERE h.facts IS NOT NULL AND h.builtAt IS NULL "
                + "AND NOT EXISTS (SELECT 1 FROM HostAssignment a WHERE a.hostId = h.hostId) "
                + "AND NOT EXISTS (SELECT 1 FROM RuleTake t WHERE t.hostId = h.hostId) ORDER BY h.hostId",
                KnownHost.class).getResultList();
    }

    // ---

    private DiscoveryRule byName(String name) {
        return rules.findByName(name).orElseThrow(() -> ProblemException.notFound("name",
                "no discovery rule named " + name));
    }

    private DiscoveryRule locked(String name) {
        DiscoveryRule rule = byName(name);
        rules.lock(rule.id);
        entityManager.refresh(rule);
        return rule;
    }

    private DiscoveryRuleView view(DiscoveryRule rule) {
        String deployment = Optional.ofNullable(deployments.findById(rule.deploymentId)).map(d -> d.name)
                .orElse(rule.deploymentId);
        return new DiscoveryRuleView(rule.name, rule.priority, rule.expression, deployment, rule.deploymentId,
                rule.role, rule.maxCount, rule.hostnamePattern, rule.enabled, rule.taken(), rule.createdAt,
                rule.updatedAt);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
