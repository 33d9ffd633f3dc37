package org.staypuft.registry.classification;

/**
 * A host of a deployment is in an environment with a real catalog, but the deployment's configuration (or its role
 * in it) has not reached the registry yet. Answering without the role's classes would let Puppet compile an empty
 * catalog and report success; refusing makes the lookup, and so the run, fail visibly until it arrives.
 */
public class ConfigurationNotReceivedException extends RuntimeException {

    public ConfigurationNotReceivedException(String message) {
        super(message);
    }
}
