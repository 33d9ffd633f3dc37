package org.staypuft.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A failure the user can act on: shown as its message (never a stack trace) and mapped to an exit code. */
public class CliException extends RuntimeException {

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message);
    }

    public static CliException notFound(String message) {
        return new CliException(ExitCode.SERVICE, message);
    }

    public int exitCode() {
        return exitCode;
    }

    /** The error as {@code --output json} prints it on stderr; subclasses add what they know. */
    public ObjectNode toJson() {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("message", getMessage());
        error.put("exitCode", exitCode);
        return error;
    }
}
