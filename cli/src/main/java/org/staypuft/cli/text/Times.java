package org.staypuft.cli.text;

import java.time.Clock;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Times and durations as people read them. */
public final class Times {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Times() {
    }

    /** {@code 850ms}, {@code 42s}, {@code 3m 05s}, {@code 2h 04m}. */
    public static String duration(Long millis) {
        if (millis == null) {
            return "";
        }
        if (millis < 1000) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format("%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format("%dh %02dm", seconds / 3600, seconds % 3600 / 60);
    }

    /** An API timestamp ({@code 2026-03-01T10:15:30.123Z}) in the user's time zone, to the second. */
    public static String local(String timestamp, Clock clock) {
        if (timestamp == null || timestamp.isBlank()) {
            return "";
        }
        try {
            return OffsetDateTime.parse(timestamp).atZoneSameInstant(clock.getZone()).format(WHEN);
        } catch (DateTimeParseException e) {
            return timestamp;
        }
    }

    /** The wall clock for a progress line: {@code 14:02:11}. */
    public static String now(Clock clock) {
        return LocalTime.now(clock).truncatedTo(ChronoUnit.SECONDS).format(CLOCK);
    }
}
