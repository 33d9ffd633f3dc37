package org.staypuft.runner.request;

import java.util.Optional;

/**
 * One kind of request the runner takes (a puppet run, a reboot), seen the same way by the consumer and by the
 * recovery: accepted in the consumer's transaction, dispatched after the commit, taken over from a stopped replica.
 *
 * @param <R> the command's payload
 */
public interface RequestHandler<R> {

    RequestKind kind();

    /**
     * Takes a request in the consumer's transaction. A request id seen before never runs again: while it is open
     * nothing happens, once completed its completed event is published again; an invalid one completes at once.
     *
     * @return the request when it is new and valid: the caller dispatches it after the commit
     */
    Optional<R> accept(R request);

    /**
     * Takes over up to {@code limit} open requests of replicas that stopped (in a transaction of its own). Queued
     * ones are to be dispatched here; one caught running completes as interrupted rather than reaching the host
     * twice (ADR 0005, 0010).
     */
    TakenOver<R> takeOver(int limit);

    /** Sends the request on its way on this replica's own threads; never waits for the host. */
    void dispatch(R request, int attemptsSoFar);

    /** A request taken over from a stopped replica; by default as a queued one. */
    default void dispatchTakenOver(TakenOver.Queued<R> queued) {
        dispatch(queued.request(), queued.attemptsSoFar());
    }
}
