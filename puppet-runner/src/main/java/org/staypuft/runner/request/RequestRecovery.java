package org.staypuft.runner.request;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.staypuft.runner.puppet.PuppetRunDispatcher;
import org.staypuft.runner.puppet.PuppetRunService;
import org.staypuft.runner.reboot.RebootDispatcher;
import org.staypuft.runner.reboot.RebootService;

import io.quarkus.runtime.StartupEvent;

/**
 * At startup, picks up what the previous process left: queued requests are dispatched, requests caught running
 * complete as interrupted (see {@link PuppetRunService#recover()}). One runner replica per database is assumed.
 */
@ApplicationScoped
public class RequestRecovery {

    private static final Logger LOG = Logger.getLogger(RequestRecovery.class);

    @Inject
    PuppetRunService puppetRuns;

    @Inject
    PuppetRunDispatcher puppetRunDispatcher;

    @Inject
    RebootService reboots;

    @Inject
    RebootDispatcher rebootDispatcher;

    void onStart(@Observes StartupEvent event) {
        recover();
    }

    /** @return how many requests were picked up again */
    public int recover() {
        PuppetRunService.Recovered runs = puppetRuns.recover();
        for (int i = 0; i < runs.toDispatch().size(); i++) {
            puppetRunDispatcher.dispatch(runs.toDispatch().get(i), runs.attemptsSoFar().get(i));
        }
        var queuedReboots = reboots.recover();
        queuedReboots.forEach(rebootDispatcher::dispatch);
        int resumed = runs.toDispatch().size() + queuedReboots.size();
        if (resumed > 0 || runs.interrupted() > 0) {
            LOG.infof("Resumed %d queued request(s); %d puppet run(s) interrupted by the last stop completed as FAILED",
                    resumed, runs.interrupted());
        }
        return resumed;
    }
}
