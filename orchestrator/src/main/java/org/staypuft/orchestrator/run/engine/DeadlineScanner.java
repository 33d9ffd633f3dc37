package org.staypuft.orchestrator.run.engine;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.staypuft.orchestrator.config.OrchestratorConfig;
import org.staypuft.orchestrator.persistence.Clock;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Fires persisted deadlines: reads only due rows (a partial index holds just the rows with a deadline), then per
 * run takes the run lock with SKIP LOCKED and fails the due steps. Deadlines live in the database, so they fire
 * after a restart, on whichever replica ticks first.
 */
@ApplicationScoped
public class DeadlineScanner {

    private static final Logger LOG = Logger.getLogger(DeadlineScanner.class);

    @Inject
    HostStepRepository steps;

    @Inject
    RunRoleRepository roles;

    @Inject
    RunEngine engine;

    @Inject
    OrchestratorConfig config;

    @Inject
    DatabaseOutages outages;

    /** Whether the last tick could not read the due deadlines: an outage is logged once, and its end. */
    private volatile boolean unreadable;

    @Scheduled(every = "${staypuft.orchestrator.deadlines.scan-interval:5s}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scan() {
        int batch = config.deadlines().batchSize();
        List<String> runIds;
        try {
            runIds = QuarkusTransaction.requiringNew().call(() -> steps.runsWithDueDeadlines(Clock.now(), batch));
        } catch (RuntimeException e) {
            // The database is away (issue 11): said once, not at every tick; the deadlines wait in their rows.
            if (!unreadable) {
                LOG.warnf("Deadlines cannot be read, retrying every tick: %s", e.getMessage());
            } else {
                LOG.debugf("Deadlines still cannot be read: %s", e.getMessage());
            }
            unreadable = true;
            outages.unreachable(Clock.now());
            return;
        }
        outages.reachable(Clock.now());
        if (unreadable) {
            unreadable = false;
            LOG.info("Deadlines can be read again");
        }
        expireApprovals(batch);
        for (String runId : runIds) {
            try {
                int expired = engine.expireDue(runId, batch);
                if (expired > 0) {
                    LOG.infof("%d host steps of run %s timed out", expired, runId);
                }
            } catch (RuntimeException e) {
                LOG.warnf("Deadlines of run %s will be retried: %s", runId, e.getMessage());
            }
        }
    }

    /** Roles whose approval timeout passed fail (the partial index run_role_approval_deadline holds just those). */
    private void expireApprovals(int batch) {
        List<String> runIds;
        try {
            runIds = QuarkusTransaction.requiringNew().call(() -> roles.runsWithDueApprovals(Clock.now(), batch));
        } catch (RuntimeException e) {
            LOG.debugf("Approval deadlines cannot be read: %s", e.getMessage());
            return;
        }
        for (String runId : runIds) {
            try {
                int expired = engine.expireApprovals(runId);
                if (expired > 0) {
                    LOG.infof("%d roles of run %s were not approved in time", expired, runId);
                }
            } catch (RuntimeException e) {
                LOG.warnf("Approval deadlines of run %s will be retried: %s", runId, e.getMessage());
            }
        }
    }
}
