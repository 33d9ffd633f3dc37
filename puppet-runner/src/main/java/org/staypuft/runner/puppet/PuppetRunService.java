package org.staypuft.runner.puppet;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.staypuft.events.puppet.PuppetRunCompleted;
import org.staypuft.events.puppet.PuppetRunStarted;
import org.staypuft.events.puppet.RequestPuppetRun;
import org.staypuft.events.puppet.RunOutcome;
import org.staypuft.kit.outbox.Outbox;
import org.staypuft.runner.network.ProvisioningNetworks;
import org.staypuft.runner.request.RepeatedRequests;
import org.staypuft.runner.request.RequestKind;
import org.staypuft.runner.request.RunnerRequest;
import org.staypuft.runner.request.RunnerRequestRepository;
import org.staypuft.runner.request.TakenOver;

/**
 * The life of a puppet run request in the database, and the events that go with each step, written in the same
 * transaction through the outbox.
 */
@ApplicationScoped
public class PuppetRunService {

    private static final Logger LOG = Logger.getLogger(PuppetRunService.class);

    @Inject
    RunnerRequestRepository requests;

    @Inject
    Outbox outbox;

    @Inject
    RepeatedRequests repeatedRequests;

    @Inject
    ProvisioningNetworks networks;

    /**
     * Takes a request in the consumer's transaction. A request id seen before never runs again: while it is open
     * nothing happens, once completed its completed event is published again.
     *
     * @return the request when it is new and valid: the caller dispatches it after the commit
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<RequestPuppetRun> accept(RequestPuppetRun request) {
        Optional<RunnerRequest> admitted = repeatedRequests.admit(RequestKind.PUPPET_RUN, request.requestId(),
                request.hostId(), request, PuppetRunCompleted.class);
        if (admitted.isEmpty()) {
            return Optional.empty();
        }
        RunnerRequest row = admitted.get();
        Optional<String> rejection = RequestValidator.rejectionOf(request)
                .or(() -> networks.refusal("address", request.address()));
        if (rejection.isPresent()) {
            LOG.warnf("Puppet run %s for host %s: %s", request.requestId(), request.hostId(), rejection.get());
            complete(row, Completions.without(request, RunOutcome.FAILED, rejection.get(), 0));
            return Optional.empty();
        }
        Instant now = Instant.now();
        if (request.expiredAt(now)) {
            // It waited in Kafka (this runner's queue full, the broker or the runner away) past its start limit.
            String reason = Completions.expiredReason(request, now);
            LOG.infof("Puppet run %s for host %s: %s", request.requestId(), request.hostId(), reason);
            complete(row, Completions.without(request, RunOutcome.EXPIRED, reason, 0));
            return Optional.empty();
        }
        return Optional.of(request);
    }

    /** The puppet command is about to be sent. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void markRunning(RequestPuppetRun request, int attempt) {
        requests.markRunning(RequestKind.PUPPET_RUN, request.requestId(), attempt);
        outbox.publish(new PuppetRunStarted(request.requestId(), request.deploymentId(), request.runId(),
                request.stepId(), request.hostId(), attempt));
    }

    /** Nothing ran; another attempt comes after a back-off. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void markWaiting(RequestPuppetRun request, int attempt, String reason) {
        requests.markWaiting(RequestKind.PUPPET_RUN, request.requestId(), attempt, reason);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void complete(RequestPuppetRun request, AttemptResult.Finished result, int attempts) {
        complete(requests.requireOwned(RequestKind.PUPPET_RUN, request.requestId()),
                Completions.of(request, result, attempts));
    }

    private void complete(RunnerRequest row, PuppetRunCompleted completed) {
        repeatedRequests.complete(row, completed, completed.reason());
    }

    /**
     * Takes over up to {@code limit} open requests of replicas that stopped (lease run out; this replica's own
     * previous process is one of them). Queued requests run here (nothing of theirs reached the host). A request that
     * was RUNNING may have changed the host, and puppet may even still be running there: it is not run again, the
     * dispatcher looks at the host first (puppet's lock, the run's own report) and reports what it finds, or the run
     * as interrupted when the host cannot tell (ADR 0005, 0010, 0011).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public TakenOver<RequestPuppetRun> takeOver(int limit) {
        return TakenOver.toInspect(requests.takeOver(RequestKind.PUPPET_RUN, limit), RequestPuppetRun.class);
    }

    /**
     * Completes a run this replica took over while it was running: with the outcome read from the host, or as
     * interrupted when the host could not tell ({@code note} says why).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void completeTakenOver(RequestPuppetRun request, AttemptResult.Finished seen, int attempts,
            OffsetDateTime startedAt, String note) {
        RunnerRequest row = requests.requireOwned(RequestKind.PUPPET_RUN, request.requestId());
        if (seen != null) {
            complete(row, Completions.of(request, seen, attempts));
            return;
        }
        complete(row, PuppetRunCompleted.interruptedRun(request, "the runner stopped while puppet was running (attempt "
                + attempts + ", started " + startedAt + "); " + note
                + "; the outcome is unknown and the run was not repeated", attempts));
    }
}
