package org.staypuft.orchestrator.run.engine;

import org.staypuft.events.host.PuppetEnvironments;
import org.staypuft.events.host.Runmode;

/**
 * What a host step does once the registry confirms (host-configuration-applied) that the node classifier answers
 * with the environment and runmode it was sent: only then is the puppet run that depends on them requested. Each
 * wait knows the configuration it waits for, so sending it again after a registry outage sends the same one.
 */
public enum ConfigWait {

    /** {@code discovery}/{@code none} applied: request the PREPARE run. */
    PREPARE_RUN(PuppetEnvironments.DISCOVERY, Runmode.NONE, "discovery environment"),
    /** {@code production}/{@code none} applied: the registered host is prepared. */
    PRODUCTION(PuppetEnvironments.PRODUCTION, Runmode.NONE, "production environment"),
    /** {@code production}/{@code service} applied: request the enable-agent run. */
    ENABLE_AGENT(PuppetEnvironments.PRODUCTION, Runmode.SERVICE, "runmode service");

    private final String environment;
    private final Runmode runmode;
    private final String description;

    ConfigWait(String environment, Runmode runmode, String description) {
        this.environment = environment;
        this.runmode = runmode;
        this.description = description;
    }

    public String environment() {
        return environment;
    }

    public Runmode runmode() {
        return runmode;
    }

    /** What the registry is to confirm, as reasons and waits name it. */
    public String description() {
        return description;
    }
}
