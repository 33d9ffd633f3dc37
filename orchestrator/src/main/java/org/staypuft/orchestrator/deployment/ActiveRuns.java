package org.staypuft.orchestrator.deployment;

import java.util.Optional;

/**
 * The deployments' one question to the runs: is one of this deployment active (running or cancelling)? Runs answer
 * it; deployments never import the run engine, which depends on them.
 */
public interface ActiveRuns {

    /** A run that still drives the deployment's hosts; {@code status} in lower case ({@code running}). */
    record ActiveRun(String id, String status) {
    }

    Optional<ActiveRun> of(String deploymentId);
}
