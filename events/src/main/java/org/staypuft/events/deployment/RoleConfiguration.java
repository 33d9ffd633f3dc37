package org.staypuft.events.deployment;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the hosts of one role of a deployment get from Puppet's node classifier.
 *
 * @param name the role's name, as host-assigned names it
 * @param puppetClasses the role's Puppet classes, in the order the operator listed them (at most 50)
 * @param parameters the role's parameters; on a host of the role they override the deployment's of the same name
 * @param secretParameters the role's secret parameters, values sealed as the deployment's are; they override the
 *        deployment's parameters and secret parameters of the same name
 */
public record RoleConfiguration(String name, List<String> puppetClasses, Map<String, String> parameters,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> secretParameters) {

    public RoleConfiguration {
        secretParameters = secretParameters == null ? Map.of() : secretParameters;
    }

    /** A role without secret parameters. */
    public RoleConfiguration(String name, List<String> puppetClasses, Map<String, String> parameters) {
        this(name, puppetClasses, parameters, Map.of());
    }
}
