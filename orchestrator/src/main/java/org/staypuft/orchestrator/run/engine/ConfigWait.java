package org.staypuft.orchestrator.run.engine;

/**
 * What a host step does once the registry confirms (host-configuration-applied) that the node classifier answers
 * with the environment and runmode it was sent: only then is the puppet run that depends on them requested.
 */
public enum ConfigWait {
    /** {@code discovery}/{@code none} applied: request the PREPARE run. */
    PREPARE_RUN,
    /** {@code production}/{@code none} applied: the registered host is prepared. */
    PRODUCTION,
    /** {@code production}/{@code service} applied: request the enable-agent run. */
    ENABLE_AGENT
}
