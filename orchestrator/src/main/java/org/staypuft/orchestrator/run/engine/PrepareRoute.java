package org.staypuft.orchestrator.run.engine;

/** How a host is prepared, decided when the run starts (detection of discovered vs registered). */
public enum PrepareRoute {
    /** A discovered host never installed: provisioning request, reboot, built callback. */
    PROVISION,
    /** A registered host (or one installed before): a PREPARE puppet run in {@code discovery}, agent off. */
    PREPARE_RUN
}
