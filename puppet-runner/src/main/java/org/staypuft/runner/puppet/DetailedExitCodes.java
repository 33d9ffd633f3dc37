package org.staypuft.runner.puppet;

import org.staypuft.events.puppet.RunOutcome;

/** {@code puppet agent --detailed-exitcodes}: 0 no changes, 2 changes, 4 failures, 6 both, 1 failed or skipped. */
public final class DetailedExitCodes {

    private DetailedExitCodes() {
    }

    public static RunOutcome outcome(int exitStatus) {
        return switch (exitStatus) {
            case 0 -> RunOutcome.UNCHANGED;
            case 2 -> RunOutcome.CHANGED;
            default -> RunOutcome.FAILED;
        };
    }

    /** The reason that goes with a failed exit status; null for the successes. */
    public static String reason(int exitStatus) {
        return switch (exitStatus) {
            case 0, 2 -> null;
            case 1 -> "puppet exited 1: the run failed or was not attempted";
            case 4 -> "puppet exited 4: resources failed";
            case 6 -> "puppet exited 6: resources changed and some failed";
            default -> "puppet exited " + exitStatus + ", not a --detailed-exitcodes status";
        };
    }

    /** Whether the run got as far as writing a fresh summary and report. */
    public static boolean wroteReport(int exitStatus) {
        return exitStatus == 0 || exitStatus == 2 || exitStatus == 4 || exitStatus == 6;
    }
}
