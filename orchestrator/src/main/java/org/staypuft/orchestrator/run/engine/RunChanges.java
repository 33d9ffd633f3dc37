package org.staypuft.orchestrator.run.engine;

/**
 * Where the engine tells what it changed, in the transaction that changed it: the read side keeps the run's change
 * log from it (the live stream and the dashboard read that log). The engine only names the entity that changed.
 */
public interface RunChanges {

    void run(Run run);

    void role(RunRole role);

    void host(HostStep step);
}
