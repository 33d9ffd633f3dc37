package org.staypuft.orchestrator.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A deployment as operators write it, in JSON or YAML (export and import use this very shape). Its parameters and
 * its roles' Puppet classes and parameters travel to the host registry in one deployment-configured event, so
 * together they must fit in 48 KiB of JSON.
 *
 * @param name {@code ^[a-z][a-z0-9-]{0,62}$}, unique
 * @param parameters key/values handed to the Puppet classes of every host of the deployment (the host registry's
 *        node classifier answers them); names {@code ^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$}, not starting with
 *        {@code staypuft_}, values up to 4096 characters, at most 200
 * @param secretParameters parameters whose values must not be seen: the same rules as {@code parameters} (a name
 *        in one or the other), stored and sent to the host registry sealed, answered as {@value #REDACTED}; giving
 *        {@value #REDACTED} as the value on an update keeps the stored one
 * @param approval the approval gate of every role that does not give its own; absent: none. An export shows it on
 *        each role.
 * @param roles at least one; their {@code dependsOn} must form a graph without cycles
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "description", "parameters", "secretParameters", "approval", "roles"})
public record DeploymentSpec(String name, String description, Map<String, String> parameters,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> secretParameters, Approval approval,
        List<RoleSpec> roles) {

    /** Without a deployment-wide approval gate. */
    public DeploymentSpec(String name, String description, Map<String, String> parameters,
            Map<String, String> secretParameters, List<RoleSpec> roles) {
        this(name, description, parameters, secretParameters, null, roles);
    }

    /** What a secret parameter's value reads as; sent back on an update, it keeps the stored value. */
    public static final String REDACTED = "(secret)";

    /**
     * A role. Left-out values take the configured defaults ({@code staypuft.orchestrator.role-defaults.*}).
     *
     * @param puppetClasses the Puppet classes of the role's hosts, e.g. {@code quickstack::controller}
     *        ({@code ^[a-z][a-z0-9_]*(::[a-z][a-z0-9_]*)*$}, at most 50); absent: none
     * @param parameters parameters of the role's hosts, overriding the deployment's of the same name; the same
     *        rules as the deployment's
     * @param secretParameters secret parameters of the role's hosts, as the deployment's
     * @param mode {@code concurrent} (default), {@code serial} or {@code leader}
     * @param maxConcurrent cap of hosts running puppet at once in {@code concurrent} and (after its leader)
     *        {@code leader} mode, 1..1000
     * @param puppetRuns puppet runs per host, 1..10; only the last must be clean
     * @param minHosts hosts a run needs at least, 0..10000 (default 0)
     * @param maxHosts hosts the role takes at most, 1..10000; absent: no limit
     * @param failureTolerance failed hosts the role tolerates; absent: none
     * @param approval whether the role waits for an operator's approval before it starts; absent: the deployment's
     * @param hosts ids of the hosts assigned to the role; on create and import they are assigned
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "dependsOn", "puppetClasses", "parameters", "secretParameters", "mode", "maxConcurrent",
            "puppetRuns",
            "minHosts", "maxHosts", "failureTolerance", "timeouts", "ssh", "approval", "hosts"})
    public record RoleSpec(String name, List<String> dependsOn, List<String> puppetClasses,
            Map<String, String> parameters,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> secretParameters, String mode,
            Integer maxConcurrent,
            Integer puppetRuns, Integer minHosts, Integer maxHosts, FailureTolerance failureTolerance,
            Timeouts timeouts, Ssh ssh, Approval approval, List<String> hosts) {
    }

    /**
     * An approval gate: the role waits, none of its hosts starting (not even its prepare), until an operator approves
     * it ({@code POST /api/v1/runs/{runId}/roles/{role}/approve}, {@code staypuft runs approve RUN ROLE}).
     *
     * @param required whether the role waits for the approval; absent: false
     * @param timeoutSeconds how long it waits before it fails, 1..604800 (a week); absent: as long as it takes. Only
     *        with {@code required: true}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Approval(Boolean required, Integer timeoutSeconds) {
    }

    /**
     * How the runner reaches the role's hosts; a value left out is the orchestrator's global setting.
     *
     * @param port the hosts' SSH port, 1..65535
     * @param user the login user, a POSIX user name
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ssh(Integer port, String user) {
    }

    /** Either a count (0..10000) or a percentage (0..100) of the role's hosts in the run, not both. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FailureTolerance(Integer count, Integer percent) {
    }

    /**
     * @param provisioningSeconds reboot until the built callback of a discovered host, 60..86400
     * @param sshReadySeconds a freshly built host until SSH answers, 0..86400
     * @param puppetRunSeconds one puppet run once connected, 10..86400
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Timeouts(Integer provisioningSeconds, Integer sshReadySeconds, Integer puppetRunSeconds) {
    }
}
