package org.staypuft.orchestrator.run.engine;

/** The run-wide phase: roles in dependency order, then re-enabling agents once every role is ready. */
public enum RunPhase {
    ROLES,
    FINISHING,
    ENDED
}
