package org.staypuft.orchestrator.run.engine;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.staypuft.orchestrator.deployment.ActiveRuns;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class RunRepository implements PanacheRepositoryBase<Run, String>, ActiveRuns {

    @Override
    public Optional<ActiveRun> of(String deploymentId) {
        return activeOf(deploymentId).map(run -> new ActiveRun(run.id, run.status.name().toLowerCase()));
    }

    public Optional<Run> activeOf(String deploymentId) {
        return find("deploymentId = ?1 and status in ?2", deploymentId,
                List.of(RunStatus.RUNNING, RunStatus.PAUSED, RunStatus.CANCELLING)).firstResultOptional();
    }

    public Optional<Run> latestOf(String deploymentId) {
        return find("deploymentId = ?1 order by createdAt desc", deploymentId).firstResultOptional();
    }

    public List<Run> ofDeployment(String deploymentId) {
        return list("deploymentId = ?1 order by createdAt desc", deploymentId);
    }
}
