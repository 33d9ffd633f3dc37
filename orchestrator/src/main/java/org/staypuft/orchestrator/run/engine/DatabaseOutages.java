package org.staypuft.orchestrator.run.engine;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * When this replica last could not reach its database, as the deadline scanner saw it. While the database is away
 * nothing is recorded: answers (a host's built callback, a run's result) wait in Kafka or in the other services'
 * retries, and once it is back the deadlines that passed meanwhile would fire before the consumers caught up. For a
 * grace after the outage a passed deadline is the database's doing, not the host's (issue 11).
 */
@ApplicationScoped
public class DatabaseOutages {

    /** An outage as seen from here: from the first tick that failed to the first that read again (null: ongoing). */
    public record Outage(OffsetDateTime from, OffsetDateTime to) {

        /** The wait's description, e.g. {@code database (unreachable 12:00:05Z-12:01:10Z; catching up)}. */
        String waitDescription() {
            return "database (unreachable from " + from.toInstant() + (to == null ? "" : " to " + to.toInstant())
                    + "; the answers held up meanwhile are catching up)";
        }
    }

    private volatile OffsetDateTime unreachableSince;
    private volatile Outage last;

    /** A tick could not read the database. */
    public void unreachable(OffsetDateTime at) {
        if (unreachableSince == null) {
            unreachableSince = at;
        }
    }

    /** A tick read the database again. */
    public void reachable(OffsetDateTime at) {
        OffsetDateTime since = unreachableSince;
        if (since != null) {
            last = new Outage(since, at);
            unreachableSince = null;
        }
    }

    /** The outage going on, or the last one when it ended less than {@code grace} before {@code now}. */
    public Optional<Outage> within(OffsetDateTime now, Duration grace) {
        OffsetDateTime since = unreachableSince;
        if (since != null) {
            return Optional.of(new Outage(since, null));
        }
        Outage outage = last;
        return outage != null && outage.to().plus(grace).isAfter(now) ? Optional.of(outage) : Optional.empty();
    }
}
