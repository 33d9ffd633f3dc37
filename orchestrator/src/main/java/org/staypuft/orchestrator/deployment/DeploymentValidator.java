package org.staypuft.orchestrator.deployment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.staypuft.kit.json.JsonColumns;
import org.staypuft.kit.problem.FieldError;
import org.staypuft.orchestrator.api.DeploymentSpec;
import org.staypuft.orchestrator.api.DeploymentSpec.RoleSpec;
import org.staypuft.orchestrator.config.OrchestratorConfig;
import org.staypuft.orchestrator.persistence.Names;
import org.staypuft.orchestrator.plan.OrchestrationMode;
import org.staypuft.orchestrator.plan.RoleGraph;

/**
 * Checks a deployment definition as a whole and reports every problem at once, each naming its field. Role and
 * deployment names: {@value #NAME_PATTERN} (lower case, digits, dashes; they become hostgroup and puppet names).
 * Parameter names starting with {@value #RESERVED_PARAMETER_PREFIX} are refused: the host registry sets those
 * itself, and its values would silently win.
 */
@ApplicationScoped
public class DeploymentValidator {

    /** POSIX-portable user names, as the runner accepts them. */
    private static final java.util.regex.Pattern SSH_USER = java.util.regex.Pattern.compile("^[a-z_][a-z0-9_-]{0,31}$");

    public static final String NAME_PATTERN = "^[a-z][a-z0-9-]{0,62}$";
    public static final String PARAMETER_PATTERN = "^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$";
    public static final String RESERVED_PARAMETER_PREFIX = "staypuft_";
    public static final String PUPPET_CLASS_PATTERN = "^[a-z][a-z0-9_]*(::[a-z][a-z0-9_]*)*$";
    static final int MAX_PUPPET_CLASSES = 50;
    static final int MAX_PUPPET_CLASS_LENGTH = 255;
    static final int MAX_ROLES = 100;
    static final int MAX_PARAMETERS = 200;
    static final int MAX_PARAMETER_VALUE = 4096;
    static final int MAX_DESCRIPTION = 1000;
    static final int MAX_HOSTS = 10_000;
    /** A week. */
    static final int MAX_APPROVAL_TIMEOUT = 604_800;

    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final Pattern PARAMETER = Pattern.compile(PARAMETER_PATTERN);
    private static final Pattern PUPPET_CLASS = Pattern.compile(PUPPET_CLASS_PATTERN);

    @Inject
    OrchestratorConfig config;

    /** A valid definition with defaults filled in, or the problems that prevent it. */
    public record Result(List<FieldError> problems, List<DeploymentRole> roles) {

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    public Result validate(DeploymentSpec spec) {
        List<FieldError> problems = new ArrayList<>();
        if (spec == null) {
            return new Result(List.of(new FieldError("body", "a deployment is required")), List.of());
        }
        name("name", spec.name(), problems);
        if (spec.description() != null && spec.description().length() > MAX_DESCRIPTION) {
            problems.add(new FieldError("description", "at most " + MAX_DESCRIPTION + " characters"));
        }
        parameters("parameters", spec.parameters(), problems);
        secretParameters("secretParameters", spec.secretParameters(), spec.parameters(), problems);
        List<RoleSpec> roleSpecs = spec.roles();
        if (roleSpecs == null || roleSpecs.isEmpty()) {
            problems.add(new FieldError("roles", "at least one role is required"));
            return new Result(problems, List.of());
        }
        if (roleSpecs.size() > MAX_ROLES) {
            problems.add(new FieldError("roles", "at most " + MAX_ROLES + " roles, got " + roleSpecs.size()));
        }
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < roleSpecs.size(); i++) {
            RoleSpec role = roleSpecs.get(i);
            if (role == null) {
                problems.add(new FieldError("roles[" + i + "]", "a role is required"));
                continue;
            }
            if (name("roles[" + i + "].name", role.name(), problems)) {
                Integer earlier = firstIndex.putIfAbsent(role.name(), i);
                if (earlier != null) {
                    problems.add(new FieldError("roles[" + i + "].name", "duplicate role name '" + role.name()
                            + "' (also roles[" + earlier + "])"));
                }
            }
        }
        RolePolicy deploymentGate = approval("approval", spec.approval(), problems);
        List<DeploymentRole> roles = new ArrayList<>();
        Map<String, List<String>> graph = new LinkedHashMap<>();
        boolean dependenciesKnown = true;
        Set<String> hostsSeen = new HashSet<>();
        for (int i = 0; i < roleSpecs.size(); i++) {
            RoleSpec role = roleSpecs.get(i);
            if (role == null) {
                continue;
            }
            String at = "roles[" + i + "]";
            List<String> dependsOn = role.dependsOn() == null ? List.of() : role.dependsOn();
            Set<String> distinct = new HashSet<>();
            for (String dependency : dependsOn) {
                if (dependency == null || !firstIndex.containsKey(dependency)) {
                    problems.add(new FieldError(at + ".dependsOn", "unknown role '" + dependency + "'"));
                    dependenciesKnown = false;
                } else if (!distinct.add(dependency)) {
                    problems.add(new FieldError(at + ".dependsOn", "'" + dependency + "' is listed twice"));
                }
            }
            Integer first = role.name() == null ? null : firstIndex.get(role.name());
            if (first != null && first == i) {
                graph.put(role.name(), dependsOn.stream().filter(firstIndex::containsKey).distinct().toList());
            }
            DeploymentRole resolved = resolve(role, at, i, dependsOn, problems);
            RolePolicy gate = role.approval() != null
                    ? approval(at + ".approval", role.approval(), problems)
                    : deploymentGate;
            resolved.policy.approvalRequired = gate.approvalRequired;
            resolved.policy.approvalTimeoutSeconds = gate.approvalTimeoutSeconds;
            roles.add(resolved);
            hosts(role, at, hostsSeen, problems);
        }
        if (dependenciesKnown) {
            Optional<List<String>> cycle = new RoleGraph(graph).findCycle();
            cycle.ifPresent(path -> problems.add(new FieldError("roles", "dependency cycle: "
                    + RoleGraph.describe(path) + " (each role depends on the next)")));
        }
        return new Result(problems, roles);
    }

    private DeploymentRole resolve(RoleSpec spec, String at, int position, List<String> dependsOn,
            List<FieldError> problems) {
        OrchestratorConfig.RoleDefaults defaults = config.roleDefaults();
        DeploymentRole role = new DeploymentRole();
        role.name = spec.name();
        role.position = position;
        role.dependsOn = Names.join(dependsOn.stream().distinct().toList());
        puppetClasses(at + ".puppetClasses", spec.puppetClasses(), problems);
        parameters(at + ".parameters", spec.parameters(), problems);
        secretParameters(at + ".secretParameters", spec.secretParameters(), spec.parameters(), problems);
        role.puppetClasses = JsonColumns.write(spec.puppetClasses() == null ? List.of() : spec.puppetClasses());
        role.parameters = JsonColumns.write(spec.parameters() == null ? Map.of() : spec.parameters());
        if (spec.mode() == null) {
            role.policy.mode = OrchestrationMode.CONCURRENT.value();
        } else if (OrchestrationMode.parse(spec.mode()).isEmpty()) {
            problems.add(
                    new FieldError(at + ".mode", "must be concurrent, serial or leader, not '" + spec.mode() + "'"));
        } else {
            role.policy.mode = spec.mode();
        }
        role.policy.maxConcurrent = number(at + ".maxConcurrent", spec.maxConcurrent(), defaults.maxConcurrent(), 1,
                1000,
                problems);
        role.policy.puppetRuns = number(at + ".puppetRuns", spec.puppetRuns(), defaults.puppetRuns(), 1, 10, problems);
        role.minHosts = number(at + ".minHosts", spec.minHosts(), 0, 0, MAX_HOSTS, problems);
        if (spec.maxHosts() != null) {
            role.maxHosts = number(at + ".maxHosts", spec.maxHosts(), 0, 1, MAX_HOSTS, problems);
            if (spec.minHosts() != null && spec.maxHosts() < spec.minHosts()) {
                problems.add(new FieldError(at + ".maxHosts", "must not be less than minHosts (" + spec.minHosts()
                        + "), got " + spec.maxHosts()));
            }
        }
        if (spec.failureTolerance() != null) {
            DeploymentSpec.FailureTolerance tolerance = spec.failureTolerance();
            if (tolerance.count() != null && tolerance.percent() != null) {
                problems.add(new FieldError(at + ".failureTolerance", "give either count or percent, not both"));
            } else if (tolerance.count() != null) {
                role.policy.toleratedFailures = number(at + ".failureTolerance.count", tolerance.count(), 0, 0,
                        MAX_HOSTS,
                        problems);
            } else if (tolerance.percent() != null) {
                role.policy.toleratedFailurePercent = number(at + ".failureTolerance.percent", tolerance.percent(), 0,
                        0,
                        100, problems);
            }
        }
        DeploymentSpec.Timeouts timeouts = spec.timeouts() == null
                ? new DeploymentSpec.Timeouts(null, null, null)
                : spec.timeouts();
        role.policy.provisioningTimeoutSeconds = number(at + ".timeouts.provisioningSeconds",
                timeouts.provisioningSeconds(), (int) defaults.provisioningTimeout().toSeconds(), 60, 86_400,
                problems);
        role.policy.sshReadyTimeoutSeconds = number(at + ".timeouts.sshReadySeconds", timeouts.sshReadySeconds(),
                (int) defaults.sshReadyTimeout().toSeconds(), 0, 86_400, problems);
        role.policy.puppetRunTimeoutSeconds = number(at + ".timeouts.puppetRunSeconds", timeouts.puppetRunSeconds(),
                (int) defaults.puppetRunTimeout().toSeconds(), 10, 86_400, problems);
        if (spec.ssh() != null) {
            if (spec.ssh().port() != null) {
                role.policy.sshPort = number(at + ".ssh.port", spec.ssh().port(), 22, 1, 65_535, problems);
            }
            if (spec.ssh().user() != null) {
                if (SSH_USER.matcher(spec.ssh().user()).matches()) {
                    role.policy.sshUser = spec.ssh().user();
                } else {
                    problems.add(new FieldError(at + ".ssh.user", "must be a user name (lower case letters, digits, "
                            + "_ and -, starting with a letter or _, at most 32), not '" + spec.ssh().user() + "'"));
                }
            }
        }
        return role;
    }

    /** An approval gate, a role's or the deployment's ({@code at} names which), as a policy's approval fields. */
    private static RolePolicy approval(String at, DeploymentSpec.Approval approval, List<FieldError> problems) {
        RolePolicy gate = new RolePolicy();
        if (approval == null) {
            return gate;
        }
        gate.approvalRequired = Boolean.TRUE.equals(approval.required());
        if (approval.timeoutSeconds() != null) {
            if (!gate.approvalRequired) {
                problems.add(new FieldError(at + ".timeoutSeconds", "a timeout needs required: true"));
            } else {
                gate.approvalTimeoutSeconds = number(at + ".timeoutSeconds", approval.timeoutSeconds(), 0, 1,
                        MAX_APPROVAL_TIMEOUT, problems);
            }
        }
        return gate;
    }

    private static void hosts(RoleSpec spec, String at, Set<String> hostsSeen, List<FieldError> problems) {
        if (spec.hosts() == null) {
            return;
        }
        for (String host : spec.hosts()) {
            if (host == null || host.isBlank()) {
                problems.add(new FieldError(at + ".hosts", "a host id must not be empty"));
            } else if (!hostsSeen.add(host)) {
                problems.add(new FieldError(at + ".hosts", "host " + host + " is listed more than once"));
            }
        }
        if (spec.maxHosts() != null && spec.hosts().size() > spec.maxHosts()) {
            problems.add(new FieldError(at + ".hosts", "too many hosts: role " + spec.name() + " takes at most "
                    + spec.maxHosts() + ", got " + spec.hosts().size()));
        }
    }

    private static boolean name(String field, String value, List<FieldError> problems) {
        if (value == null || value.isEmpty()) {
            problems.add(new FieldError(field, "a name is required"));
            return false;
        }
        if (!NAME.matcher(value).matches()) {
            problems.add(new FieldError(field, "'" + value + "' is not a valid name: lower-case letters, digits and "
                    + "dashes, starting with a letter, at most 63 characters (" + NAME_PATTERN + ")"));
            return false;
        }
        return true;
    }

    private static void parameters(String field, Map<String, String> parameters, List<FieldError> problems) {
        if (parameters == null) {
            return;
        }
        if (parameters.size() > MAX_PARAMETERS) {
            problems.add(new FieldError(field, "at most " + MAX_PARAMETERS + " parameters"));
        }
        parameters.forEach((key, value) -> {
            if (!PARAMETER.matcher(key).matches()) {
                problems.add(new FieldError(field + "." + key, "not a valid parameter name (" + PARAMETER_PATTERN
                        + ")"));
            } else if (key.startsWith(RESERVED_PARAMETER_PREFIX)) {
                problems.add(new FieldError(field + "." + key, "names starting with " + RESERVED_PARAMETER_PREFIX
                        + " are reserved for the values Staypuft sets itself"));
            }
            if (value == null) {
                problems.add(new FieldError(field + "." + key, "a value is required"));
            } else if (value.length() > MAX_PARAMETER_VALUE) {
                problems.add(new FieldError(field + "." + key, "at most " + MAX_PARAMETER_VALUE + " characters"));
            }
        });
    }

    /** The rules of plain parameters, and a name is plain or secret, not both. */
    private static void secretParameters(String field, Map<String, String> secrets, Map<String, String> plain,
            List<FieldError> problems) {
        parameters(field, secrets, problems);
        if (secrets != null && plain != null) {
            secrets.keySet().stream().filter(plain::containsKey).forEach(name -> problems.add(new FieldError(
                    field + "." + name, "is also a plain parameter: a parameter is either secret or not")));
        }
    }

    private static void puppetClasses(String field, List<String> classes, List<FieldError> problems) {
        if (classes == null) {
            return;
        }
        if (classes.size() > MAX_PUPPET_CLASSES) {
            problems.add(new FieldError(field, "at most " + MAX_PUPPET_CLASSES + " classes, got " + classes.size()));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < classes.size(); i++) {
            String puppetClass = classes.get(i);
            if (puppetClass == null || puppetClass.length() > MAX_PUPPET_CLASS_LENGTH
                    || !PUPPET_CLASS.matcher(puppetClass).matches()) {
                problems.add(new FieldError(field + "[" + i + "]", "'" + puppetClass + "' is not a Puppet class name: "
                        + "lower-case letters, digits and _, segments joined by ::, at most "
                        + MAX_PUPPET_CLASS_LENGTH + " characters (" + PUPPET_CLASS_PATTERN + ")"));
            } else if (!seen.add(puppetClass)) {
                problems.add(new FieldError(field + "[" + i + "]", "'" + puppetClass + "' is listed twice"));
            }
        }
    }

    private static int number(String field, Integer value, int defaultValue, int min, int max,
            List<FieldError> problems) {
        if (value == null) {
            return defaultValue;
        }
        if (value < min || value > max) {
            problems.add(new FieldError(field, "must be between " + min + " and " + max + ", got " + value));
        }
        return value;
    }
}
