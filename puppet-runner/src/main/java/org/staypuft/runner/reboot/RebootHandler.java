package org.staypuft.runner.reboot;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.staypuft.events.provisioning.RequestReboot;
import org.staypuft.runner.request.RequestHandler;
import org.staypuft.runner.request.RequestKind;
import org.staypuft.runner.request.TakenOver;

/** Reboots as the consumer and the recovery see them: their rows ({@link RebootService}), the proxy calls. */
@ApplicationScoped
public class RebootHandler implements RequestHandler<RequestReboot> {

    @Inject
    RebootService reboots;

    @Inject
    RebootDispatcher dispatcher;

    @Override
    public RequestKind kind() {
        return RequestKind.REBOOT;
    }

    @Override
    public Optional<RequestReboot> accept(RequestReboot request) {
        return reboots.accept(request);
    }

    @Override
    public TakenOver<RequestReboot> takeOver(int limit) {
        return reboots.takeOver(limit);
    }

    /** A reboot is one proxy call: there are no earlier attempts to carry on from. */
    @Override
    public void dispatch(RequestReboot request, int attemptsSoFar) {
        dispatcher.dispatch(request);
    }
}
