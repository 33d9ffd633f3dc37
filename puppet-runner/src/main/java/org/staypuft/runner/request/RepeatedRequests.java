package org.staypuft.runner.request;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.staypuft.events.EventCodec;
import org.staypuft.events.StaypuftEvent;
import org.staypuft.events.UndecodableEventException;
import org.staypuft.kit.outbox.Outbox;

/**
 * The rule every command of the runner follows: a request id seen before never runs again. While it is open nothing
 * happens; once completed, its stored completion is published again (the sender may have missed it).
 */
@ApplicationScoped
public class RepeatedRequests {

    private static final Logger LOG = Logger.getLogger(RepeatedRequests.class);
    private static final int MAX_ID = 255;

    @Inject
    RunnerRequestRepository requests;

    @Inject
    Outbox outbox;

    /** A request without usable ids cannot be recorded: a poison record for the dead-letter topic. */
    public static void requireIds(String requestType, String requestId, String hostId) {
        if (!usable(requestId) || !usable(hostId)) {
            throw new UndecodableEventException(requestType + " needs a requestId and a hostId of 1 to " + MAX_ID
                    + " characters");
        }
    }

    /**
     * Answers a request id already recorded, in the consumer's transaction.
     *
     * @return true when the id is known: the caller must not run it again
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean answerRepeat(RequestKind kind, String requestId, Class<? extends StaypuftEvent> completionType) {
        Optional<RunnerRequest> known = requests.find(kind, requestId);
        if (known.isEmpty()) {
            return false;
        }
        RunnerRequest row = known.get();
        if (row.state() == RequestState.COMPLETED) {
            LOG.infof("%s %s was requested again; publishing its completion again", kind, requestId);
            outbox.publish(EventCodec.decodePayload(row.completion().getBytes(StandardCharsets.UTF_8), completionType));
        } else {
            LOG.infof("%s %s was requested again while %s; it runs once", kind, requestId, row.state());
        }
        return true;
    }

    /**
     * The start of every accept, in the consumer's transaction: ids checked (a poison record otherwise), a repeated
     * id answered again, a new one recorded.
     *
     * @return the new row; empty for a request id seen before, which must not run again
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<RunnerRequest> admit(RequestKind kind, String requestId, String hostId, StaypuftEvent request,
            Class<? extends StaypuftEvent> completionType) {
        requireIds(request.getClass().getSimpleName(), requestId, hostId);
        if (answerRepeat(kind, requestId, completionType)) {
            return Optional.empty();
        }
        return Optional.of(requests.add(kind, requestId, hostId, request));
    }

    /** Completes a request: its row and its completed event, in one transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(RunnerRequest row, StaypuftEvent completion, String reason) {
        requests.complete(row, completion, reason);
        outbox.publish(completion);
    }

    private static boolean usable(String id) {
        return id != null && !id.isBlank() && id.length() <= MAX_ID;
    }
}
