package org.staypuft.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A command's {@code notAfter}: the moment (RFC 3339, UTC) after which it must not start any more. A command that
 * waited out an outage in Kafka or a queue would otherwise act long after its requester moved on.
 */
public final class StartLimit {

    private StartLimit() {
    }

    /** The limit as an instant; empty when absent or unreadable (receivers validate the text themselves). */
    public static Optional<Instant> of(String notAfter) {
        if (notAfter == null || notAfter.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(notAfter));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Whether a command with this limit must not start at {@code now} any more; never without a limit. */
    public static boolean passedAt(String notAfter, Instant now) {
        return of(notAfter).map(now::isAfter).orElse(false);
    }

    /** The text form of a limit, or null for none. */
    public static String text(Instant limit) {
        return limit == null ? null : limit.toString();
    }
}
