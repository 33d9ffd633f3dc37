package org.staypuft.cli.events;

import java.time.Instant;
import java.util.List;

import org.staypuft.cli.CliException;

/**
 * The part of a deployment's timeline that belongs to one run: the events that carry its run id, and the events
 * that carry none (a host's configuration or state changing) from the run's first event to its last end (a resumed
 * run ends again). Events of other runs are left out.
 */
record RunWindow(String runId, Instant start, Instant end) {

    static RunWindow of(String runId, List<TimelineEntry> entries) {
        List<TimelineEntry> ofRun = entries.stream().filter(entry -> runId.equals(entry.runId())).toList();
        if (ofRun.isEmpty()) {
            throw CliException.notFound("No events of run " + runId + " in this deployment's timeline");
        }
        Instant start = ofRun.stream().map(TimelineEntry::time).min(Instant::compareTo).orElseThrow();
        Instant end = ofRun.stream().filter(TimelineEntry::endsRun).map(TimelineEntry::time)
                .max(Instant::compareTo).orElse(null);
        return new RunWindow(runId, start, end);
    }

    boolean includes(TimelineEntry entry) {
        if (entry.runId() != null) {
            return runId.equals(entry.runId());
        }
        return !entry.time().isBefore(start) && (end == null || !entry.time().isAfter(end));
    }
}
