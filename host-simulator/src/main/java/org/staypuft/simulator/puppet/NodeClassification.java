package org.staypuft.simulator.puppet;

import java.util.List;

/**
 * What the server's node classifier says about a host: the environment to compile in, the runmode of the
 * puppet-management class, and the role's classes (everything but the puppet-management class).
 */
public record NodeClassification(String environment, Runmode runmode, List<String> roleClasses) {

    public NodeClassification {
        roleClasses = List.copyOf(roleClasses);
    }
}
