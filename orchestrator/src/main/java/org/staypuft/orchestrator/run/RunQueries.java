package org.staypuft.orchestrator.run;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.staypuft.orchestrator.api.ProblemException;
import org.staypuft.orchestrator.api.RunViews;

/** Read side of runs for the API: a run with its roles and hosts, one host with its commands. */
@ApplicationScoped
@Transactional
public class RunQueries {

    @Inject
    RunRepository runs;

    @Inject
    RunRoleRepository roles;

    @Inject
    HostStepRepository steps;

    @Inject
    HostRequestRepository requests;

    public RunViews.RunDetail detail(String runId) {
        Run run = runs.findByIdOptional(runId)
                .orElseThrow(() -> ProblemException.notFound("runId", "no run " + runId));
        return new RunViews.RunDetail(RunViews.of(run), roles.ofRun(runId).stream().map(RunViews::of).toList(),
                steps.ofRun(runId).stream().map(RunViews::of).toList());
    }

    /** @throws ProblemException 404 when there is no such run */
    public void detailExists(String runId) {
        if (runs.findByIdOptional(runId).isEmpty()) {
            throw ProblemException.notFound("runId", "no run " + runId);
        }
    }

    public RunViews.HostDetail host(String runId, String hostId) {
        HostStep step = steps.ofRunAndHost(runId, hostId)
                .orElseThrow(() -> ProblemException.notFound("hostId", "host " + hostId + " is not in run " + runId));
        return new RunViews.HostDetail(RunViews.of(step),
                requests.ofStep(step.id).stream().map(RunViews::of).toList());
    }

    public List<RunViews.RunSummary> ofDeployment(String deploymentId) {
        return runs.ofDeployment(deploymentId).stream().map(RunViews::of).toList();
    }
}
