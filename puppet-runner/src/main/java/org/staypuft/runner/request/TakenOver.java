package org.staypuft.runner.request;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.staypuft.events.EventCodec;
import org.staypuft.events.StaypuftEvent;

/**
 * What a takeover found: the queued requests to dispatch here (with the attempts they had), how many it completed
 * as interrupted, how many rows it took in all.
 */
public record TakenOver<R>(List<Queued<R>> toDispatch, int interrupted, int takenOver) {

    /**
     * A request and the attempts made before its owner stopped.
     *
     * @param runningSince when the stopped owner started the command on the host; null for a queued request
     */
    public record Queued<R>(R request, int attemptsSoFar, OffsetDateTime runningSince) {

        public Queued(R request, int attemptsSoFar) {
            this(request, attemptsSoFar, null);
        }

        /** The stopped owner had started it: puppet may have run, may even still run; look before anything else. */
        public boolean wasRunning() {
            return runningSince != null;
        }
    }

    /**
     * Sorts the rows a takeover locked without completing any: a RUNNING one is handed on with the moment it started,
     * for its kind to look at the host before it says anything (issue 11).
     */
    public static <R extends StaypuftEvent> TakenOver<R> toInspect(List<RunnerRequest> rows, Class<R> type) {
        List<Queued<R>> toDispatch = new ArrayList<>();
        for (RunnerRequest row : rows) {
            R request = EventCodec.decodePayload(row.request.getBytes(StandardCharsets.UTF_8), type);
            toDispatch.add(new Queued<>(request, row.attempts(),
                    row.state() == RequestState.RUNNING ? row.startedAt() : null));
        }
        return new TakenOver<>(toDispatch, 0, rows.size());
    }

    /**
     * Sorts the rows a takeover locked: a RUNNING one goes to {@code interrupt} (which completes it), the others are
     * dispatched again.
     */
    public static <R extends StaypuftEvent> TakenOver<R> of(List<RunnerRequest> rows, Class<R> type,
            BiConsumer<RunnerRequest, R> interrupt) {
        List<Queued<R>> toDispatch = new ArrayList<>();
        int interrupted = 0;
        for (RunnerRequest row : rows) {
            R request = EventCodec.decodePayload(row.request.getBytes(StandardCharsets.UTF_8), type);
            if (row.state() == RequestState.RUNNING) {
                interrupt.accept(row, request);
                interrupted++;
            } else {
                toDispatch.add(new Queued<>(request, row.attempts()));
            }
        }
        return new TakenOver<>(toDispatch, interrupted, rows.size());
    }
}
