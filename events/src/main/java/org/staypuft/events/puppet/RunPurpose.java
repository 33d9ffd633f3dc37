package org.staypuft.events.puppet;

/** Why the orchestrator asked for a puppet run; decides how it judges the outcome. */
public enum RunPurpose {
    /** Registered host, {@code discovery} environment: make sure the agent service is off. */
    PREPARE,
    /** One of a role's runs in {@code production}. */
    DEPLOY,
    /** Runmode {@code service}: re-enable the agent; only {@code Service[puppet]} may change. */
    ENABLE_AGENT
}
