package org.staypuft.cli;

import java.time.Duration;

import org.staypuft.cli.watch.ProgressRenderer;
import org.staypuft.cli.watch.RunProgress;
import org.staypuft.cli.watch.RunWatcher;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Options of the commands that follow a run live, and the following itself. */
public class WatchOptions {

    @Option(names = "--poll-interval", defaultValue = "2s", converter = DurationConverter.class, paramLabel = "DURATION", description = "How often to read the run when its live event stream is unavailable (e.g. 500ms, 2s; default: ${DEFAULT-VALUE}).")
    Duration pollInterval;

    /** Follows the run until it ends, showing its progress; the exit code says how it ended. */
    public int watch(Session session, String runId, JsonNode detail) {
        RunWatcher watcher = new RunWatcher(session.orchestrator(),
                ProgressRenderer.choose(session.output(), session.environment()),
                RunWatcher.Settings.defaults(pollInterval));
        // Ctrl-C stops the watching, not the run: say so, and how to watch again.
        Thread hint = new Thread(() -> session.output().note(System.lineSeparator()
                + "Stopped watching; run " + runId + " goes on. Watch it again: staypuft runs watch " + runId));
        Runtime.getRuntime().addShutdownHook(hint);
        try {
            RunProgress run = watcher.watch(runId, detail);
            return ExitCode.ofRunStatus(run.status());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hint);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already: the hint is being shown
            }
        }
    }

    /** {@code 500ms}, {@code 2s}, {@code 1m}, or ISO-8601 ({@code PT2S}). */
    public static final class DurationConverter implements ITypeConverter<Duration> {

        @Override
        public Duration convert(String value) {
            String text = value.strip().toLowerCase();
            try {
                Duration duration;
                if (text.startsWith("p")) {
                    duration = Duration.parse(text.toUpperCase());
                } else if (text.endsWith("ms")) {
                    duration = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
                } else if (text.endsWith("s")) {
                    duration = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
                } else if (text.endsWith("m")) {
                    duration = Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
                } else {
                    throw new TypeConversionException("'" + value + "' is not a duration (e.g. 500ms, 2s, 1m)");
                }
                if (duration.isNegative() || duration.isZero()) {
                    throw new TypeConversionException("'" + value + "' must be longer than zero");
                }
                return duration;
            } catch (RuntimeException e) {
                if (e instanceof TypeConversionException conversion) {
                    throw conversion;
                }
                throw new TypeConversionException("'" + value + "' is not a duration (e.g. 500ms, 2s, 1m)");
            }
        }
    }
}
