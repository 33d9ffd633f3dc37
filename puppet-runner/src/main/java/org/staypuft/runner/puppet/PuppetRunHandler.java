package org.staypuft.runner.puppet;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.staypuft.events.puppet.RequestPuppetRun;
import org.staypuft.runner.request.RequestHandler;
import org.staypuft.runner.request.RequestKind;
import org.staypuft.runner.request.TakenOver;

/** Puppet runs as the consumer and the recovery see them: their rows ({@link PuppetRunService}), their runs. */
@ApplicationScoped
public class PuppetRunHandler implements RequestHandler<RequestPuppetRun> {

    @Inject
    PuppetRunService runs;

    @Inject
    PuppetRunDispatcher dispatcher;

    @Override
    public RequestKind kind() {
        return RequestKind.PUPPET_RUN;
    }

    @Override
    public Optional<RequestPuppetRun> accept(RequestPuppetRun request) {
        return runs.accept(request);
    }

    @Override
    public TakenOver<RequestPuppetRun> takeOver(int limit) {
        return runs.takeOver(limit);
    }

    @Override
    public void dispatch(RequestPuppetRun request, int attemptsSoFar) {
        dispatcher.dispatch(request, attemptsSoFar);
    }

    @Override
    public void dispatchTakenOver(TakenOver.Queued<RequestPuppetRun> queued) {
        if (queued.wasRunning()) {
            dispatcher.lookAfterTakeOver(queued.request(), queued.attemptsSoFar(), queued.runningSince());
        } else {
            dispatcher.dispatch(queued.request(), queued.attemptsSoFar());
        }
    }
}
