package org.staypuft.simulator.puppet;

/**
 * The node lookup failed. The puppet server's exec terminus exits non-zero for any answer of the ENC but 200, which
 * the agent sees as a server error on its catalog request.
 */
public final class ClassificationFailedException extends RuntimeException {

    /** What the ENC script would have exited with: 1 not classified, 3 unreachable (see staypuft-enc). */
    private final int scriptExitCode;

    public ClassificationFailedException(String message, int scriptExitCode, Throwable cause) {
        super(message, cause);
        this.scriptExitCode = scriptExitCode;
    }

    public int scriptExitCode() {
        return scriptExitCode;
    }
}
