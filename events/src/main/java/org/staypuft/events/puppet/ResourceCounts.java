package org.staypuft.events.puppet;

/** The resource section of puppet's {@code last_run_summary.yaml}. */
public record ResourceCounts(int changed, int failed, int failedToRestart, int outOfSync, int total) {
}
