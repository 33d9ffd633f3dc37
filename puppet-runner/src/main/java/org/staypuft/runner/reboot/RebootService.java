package org.staypuft.runner.reboot;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.staypuft.events.StartLimit;
import org.staypuft.events.provisioning.RebootCompleted;
import org.staypuft.events.provisioning.RequestReboot;
import org.staypuft.events.puppet.PuppetRunCompleted;
import org.staypuft.runner.network.ProvisioningNetworks;
import org.staypuft.runner.request.RepeatedRequests;
import org.staypuft.runner.request.RequestKind;
import org.staypuft.runner.request.RunnerRequest;
import org.staypuft.runner.request.RunnerRequestRepository;
import org.staypuft.runner.request.TakenOver;

/** The life of a reboot request in the database, with its completed event through the outbox. */
@ApplicationScoped
public class RebootService {

    private static final Logger LOG = Logger.getLogger(RebootService.class);

    @Inject
    RunnerRequestRepository requests;

    @Inject
    RepeatedRequests repeatedRequests;

    @Inject
    ProvisioningNetworks networks;

    /**
     * Takes a request in the consumer's transaction; a request id seen before is never called again (once completed,
     * its completed event is published again).
     *
     * @return the request when it is new and valid: the caller dispatches it after the commit
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<RequestReboot> accept(RequestReboot request) {
        Optional<RunnerRequest> admitted = repeatedRequests.admit(RequestKind.REBOOT, request.requestId(),
                request.hostId(), request, RebootCompleted.class);
        if (admitted.isEmpty()) {
            return Optional.empty();
        }
        RunnerRequest row = admitted.get();
        if (request.notAfter() != null && StartLimit.of(request.notAfter()).isEmpty()) {
            complete(row, completion(request, false, "Rejected: notAfter '" + request.notAfter()
                    + "' is not an RFC 3339 UTC timestamp such as 2026-12-03T12:15:00Z; nothing was sent"));
            return Optional.empty();
        }
        URI power;
        try {
            power = DiscoveryProxyClient.powerUri(request);
        } catch (URISyntaxException | IllegalArgumentException e) {
            complete(row, completion(request, false, "Rejected: " + e.getMessage()));
            return Optional.empty();
        }
        // The proxy URL names the host's address from its facts: the runner calls it only inside the allow-list.
        String host = power.getHost().startsWith("[")
                ? power.getHost().substring(1, power.getHost().length() - 1)
                : power.getHost();
        Optional<String> refusal = networks.refusal("proxyUrl " + request.proxyUrl() + " address", host);
        if (refusal.isPresent()) {
            LOG.warnf("Reboot %s of host %s: %s", request.requestId(), request.hostId(), refusal.get());
            complete(row, completion(request, false, refusal.get()));
            return Optional.empty();
        }
        Instant now = Instant.now();
        if (request.expiredAt(now)) {
            // It waited in Kafka (the broker or the runner away) past its start limit: the run has moved on.
            complete(row, expiry(request, now));
            return Optional.empty();
        }
        return Optional.of(request);
    }

    /** Its turn came after its start limit: nothing is sent, and the answer says so. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void expire(RequestReboot request, Instant now) {
        complete(requests.requireOwned(RequestKind.REBOOT, request.requestId()), expiry(request, now));
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
        repeatedRequests.complete(row, completed, completed.reason());
    }

    /**
     * Takes over up to {@code limit} open reboots of replicas that stopped: queued ones go out; one that was RUNNING
     * may have reached the proxy (and the host may be rebooting), so it completes as failed, interrupted, instead of
     * being sent twice.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public TakenOver<RequestReboot> takeOver(int limit) {
        return TakenOver.of(requests.takeOver(RequestKind.REBOOT, limit), RequestReboot.class,
                (row, request) -> complete(row, completion(request, false,
                        PuppetRunCompleted.INTERRUPTED_REASON_PREFIX + " the runner stopped while calling the proxy; "
                                + "whether the host reboots is unknown")));
    }

    private static RebootCompleted expiry(RequestReboot request, Instant now) {
        String reason = "EXPIRED: not sent by the request's notAfter " + request.notAfter()
                + " (the runner got to it at "
                + now.truncatedTo(ChronoUnit.SECONDS) + "); the host was not rebooted";
        LOG.infof("Reboot %s of host %s: %s", request.requestId(), request.hostId(), reason);
        return new RebootCompleted(request.requestId(), request.deploymentId(), request.runId(), request.stepId(),
                request.hostId(), false, reason, true);
    }

    private static RebootCompleted completion(RequestReboot request, boolean succeeded, String reason) {
        return new RebootCompleted(request.requestId(), request.deploymentId(), request.runId(), request.stepId(),
                request.hostId(), succeeded, reason);
    }
}
