package org.staypuft.runner.request;

import java.time.Duration;

/**
 * The back-off when the runner's own database does not take a write around a run or reboot (the start, the outcome):
 * 1 s doubling to 30 s, for as long as it takes. A bookkeeping failure is Staypuft's fault, never the host's: the
 * request stays this replica's (its lease is kept by the heartbeat) and nothing is sent to the host meanwhile.
 */
public final class BookkeepingRetry {

    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofSeconds(30);

    private BookkeepingRetry() {
    }

    /** @param failures how many writes failed in a row, at least 1 */
    public static Duration after(int failures) {
        Duration backoff = FIRST.multipliedBy(1L << Math.min(Math.max(failures, 1) - 1, 10));
        return backoff.compareTo(MAX) > 0 ? MAX : backoff;
    }
}
