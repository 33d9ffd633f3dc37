package org.staypuft.orchestrator.run.engine;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.staypuft.orchestrator.config.OrchestratorConfig;
import org.staypuft.orchestrator.persistence.RowLocks;
import org.staypuft.orchestrator.run.command.CommandSender;
import org.staypuft.orchestrator.run.command.HostRequest;
import org.staypuft.orchestrator.run.command.HostRequestRepository;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * After a start (a crash, a kill -9, a new replica) sends every outstanding command again, unchanged and with its
 * original request id: the runner runs a request id at most once and answers it again, so nothing that was in
 * flight is lost and nothing runs twice. Answers we already handled are recognised by request id and ignored.
 */
@ApplicationScoped
public class RequestResender {

    private static final Logger LOG = Logger.getLogger(RequestResender.class);
    private static final int RUNS_PER_PAGE = 100;

    @Inject
    HostRequestRepository requests;

    @Inject
    HostStepRepository steps;

    @Inject
    CommandSender commands;

    @Inject
    RowLocks locks;

    @Inject
    OrchestratorConfig config;

    void onStart(@Observes StartupEvent event) {
        if (config.resendOnStartup()) {
            resendOutstanding();
        }
    }

    /** @return how many commands were sent again */
    public int resendOutstanding() {
        int resent = 0;
        String after = "";
        List<String> runIds;
        do {
            String from = after;
            runIds = QuarkusTransaction.requiringNew().call(() -> requests.runsWithOutstanding(from, RUNS_PER_PAGE));
            for (String runId : runIds) {
                resent += QuarkusTransaction.requiringNew().call(() -> resendRun(runId));
                after = runId;
            }
        } while (runIds.size() == RUNS_PER_PAGE);
        if (resent > 0) {
            LOG.infof("Re-sent %d outstanding commands with their original request ids", resent);
        }
        return resent;
    }

    private int resendRun(String runId) {
        if (!locks.lockRun(runId)) {
            return 0;
        }
        int resent = 0;
        for (HostRequest request : requests.outstandingOfRun(runId)) {
            HostStep step = steps.findById(request.hostStepId);
            if (step.status == StepStatus.RUNNING && request.requestId.equals(step.requestId)) {
                commands.resend(request);
                resent++;
            }
        }
        return resent;
    }
}
