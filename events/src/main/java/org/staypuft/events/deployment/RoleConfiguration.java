package org.staypuft.events.deployment;

import java.util.List;
import java.util.Map;

/**
 * What the hosts of one role of a deployment get from Puppet's node classifier.
 *
 * @param name the role's name, as host-assigned names it
 * @param puppetClasses the role's Puppet classes, in the order the operator listed them (at most 50)
 * @param parameters the role's parameters; on a host of the role they override the deployment's of the same name
 */
public record RoleConfiguration(String name, List<String> puppetClasses, Map<String, String> parameters) {
}
