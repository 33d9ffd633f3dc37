package org.staypuft.orchestrator.run;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class RunRepository implements PanacheRepositoryBase<Run, String> {

    public Optional<Run> activeOf(String deploymentId) {
        return find("deploymentId = ?1 and status in ?2", deploymentId,
                List.of(RunStatus.RUNNING, RunStatus.CANCELLING)).firstResultOptional();
    }

    public Optional<Run> latestOf(String deploymentId) {
        return find("deploymentId = ?1 order by createdAt desc", deploymentId).firstResultOptional();
    }

    public List<Run> ofDeployment(String deploymentId) {
        return list("deploymentId = ?1 order by createdAt desc", deploymentId);
    }
}
