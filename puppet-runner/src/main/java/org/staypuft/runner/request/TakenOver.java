package org.staypuft.runner.request;

import java.nio.charset.StandardCharsets;
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

    /** A queued request and the attempts made before its owner stopped. */
    public record Queued<R>(R request, int attemptsSoFar) {
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
