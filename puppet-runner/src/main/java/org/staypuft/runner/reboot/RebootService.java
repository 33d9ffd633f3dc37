package org.staypuft.runner.reboot;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.staypuft.events.EventCodec;
import org.staypuft.events.provisioning.RebootCompleted;
import org.staypuft.events.provisioning.RequestReboot;
import org.staypuft.kit.outbox.Outbox;
import org.staypuft.runner.request.RepeatedRequests;
import org.staypuft.runner.request.RequestKind;
import org.staypuft.runner.request.RequestState;
import org.staypuft.runner.request.RunnerRequest;
import org.staypuft.runner.request.RunnerRequestRepository;

/** The life of a reboot request in the database, with its completed event through the outbox. */
@ApplicationScoped
public class RebootService {

    @Inject
    RunnerRequestRepository requests;

    @Inject
    Outbox outbox;

    @Inject
    RepeatedRequests repeatedRequests;

    /**
     * Takes a request in the consumer's transaction; a request id seen before is never called again (once completed,
     * its completed event is published again).
     *
     * @return the request when it is new and valid: the caller dispatches it after the commit
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<RequestReboot> accept(RequestReboot request) {
        RepeatedRequests.requireIds("RequestReboot", request.requestId(), request.hostId());
        if (repeatedRequests.answerRepeat(RequestKind.REBOOT, request.requestId(), RebootCompleted.class)) {
            return Optional.empty();
        }
        RunnerRequest row = requests.add(RequestKind.REBOOT, request.requestId(), request.hostId(), request);
        try {
            DiscoveryProxyClient.powerUri(request);
        } catch (URISyntaxException | IllegalArgumentException e) {
            complete(row, completion(request, false, "Rejected: " + e.getMessage()));
            return Optional.empty();
        }
        return Optional.of(request);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void markRunning(RequestReboot request) {
        requests.markRunning(RequestKind.REBOOT, request.requestId(), 1);
    }

    /** @param failure empty when the proxy confirmed the reboot */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void complete(RequestReboot request, Optional<String> failure) {
        complete(requests.requireOwned(RequestKind.REBOOT, request.requestId()),
                completion(request, failure.isEmpty(), failure.orElse(null)));
    }

    private void complete(RunnerRequest row, RebootCompleted completed) {
        requests.complete(row, completed, completed.reason());
        outbox.publish(completed);
    }

    /** What a takeover found. */
    public record Recovered(List<RequestReboot> toDispatch, int takenOver) {
    }

    /**
     * Takes over up to {@code limit} open reboots of replicas that stopped: queued ones go out; one that was RUNNING
     * may have reached the proxy (and the host may be rebooting), so it completes as failed with that reason instead
     * of being sent twice.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Recovered takeOver(int limit) {
        List<RequestReboot> toDispatch = new ArrayList<>();
        List<RunnerRequest> rows = requests.takeOver(RequestKind.REBOOT, limit);
        for (RunnerRequest row : rows) {
            RequestReboot request = EventCodec.decodePayload(row.request.getBytes(StandardCharsets.UTF_8),
                    RequestReboot.class);
            if (row.state == RequestState.RUNNING) {
                complete(row, completion(request, false, "interrupted: the runner stopped while calling the proxy; "
                        + "whether the host reboots is unknown"));
            } else {
                toDispatch.add(request);
            }
        }
        return new Recovered(toDispatch, rows.size());
    }

    private static RebootCompleted completion(RequestReboot request, boolean succeeded, String reason) {
        return new RebootCompleted(request.requestId(), request.deploymentId(), request.runId(), request.stepId(),
                request.hostId(), succeeded, reason);
    }
}
