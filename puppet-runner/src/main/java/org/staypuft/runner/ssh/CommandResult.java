package org.staypuft.runner.ssh;

/**
 * How a remote command ended.
 *
 * @param exitStatus null when it was killed by a signal or timed out
 * @param exitSignal the signal that killed it, if the host says so
 * @param timedOut the runner gave up waiting, signalled the command and closed its channel
 */
public record CommandResult(Integer exitStatus, String exitSignal, boolean timedOut) {
}
