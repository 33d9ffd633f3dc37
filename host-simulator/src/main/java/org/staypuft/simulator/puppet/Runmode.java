package org.staypuft.simulator.puppet;

/**
 * The {@code runmode} parameter of the puppet-management class ({@code foreman::puppet::agent::service}): whether the
 * agent runs as a service. Decides what {@code Service[puppet]} should look like after a run.
 */
public enum Runmode {
    /** The agent service is stopped and disabled; only triggered runs happen. */
    NONE,
    /** The agent service is running and enabled. */
    SERVICE
}
