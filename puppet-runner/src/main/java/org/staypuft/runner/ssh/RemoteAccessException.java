package org.staypuft.runner.ssh;

import org.staypuft.events.puppet.RunOutcome;

/**
 * The host could not be reached, refused us, or was not who we expected: each a distinct outcome with a reason.
 * Only {@link RunOutcome#UNREACHABLE} is worth retrying.
 */
public class RemoteAccessException extends Exception {

    private final RunOutcome outcome;

    public RemoteAccessException(RunOutcome outcome, String reason) {
        super(reason);
        this.outcome = outcome;
    }

    public RunOutcome outcome() {
        return outcome;
    }

    public boolean retryable() {
        return outcome == RunOutcome.UNREACHABLE;
    }
}
