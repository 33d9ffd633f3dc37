package org.staypuft.registry.classification;

import java.util.List;

/** Several hosts have the certname as their name; classifying either would be a guess. */
public class AmbiguousCertnameException extends RuntimeException {

    public AmbiguousCertnameException(String certname, List<String> hostIds) {
        super("Certname '" + certname + "' is the name of several hosts " + hostIds
                + "; use the host id as the agent's certname");
    }
}
