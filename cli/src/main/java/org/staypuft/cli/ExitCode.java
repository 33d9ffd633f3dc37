package org.staypuft.cli;

/** What the CLI's exit status means; scripts branch on these, so they never change meaning. */
public final class ExitCode {

    /** Done; for {@code deploy --watch} and {@code runs watch}: the run completed. */
    public static final int OK = 0;
    /** The watched run ended FAILED. */
    public static final int RUN_FAILED = 1;
    /** Bad arguments or an unreadable input file. */
    public static final int USAGE = 2;
    /** A service refused the request (400, 404, 409...), failed (5xx) or could not be reached. */
    public static final int SERVICE = 3;
    /** No token, or the token was refused (401) or lacks the role (403). */
    public static final int AUTH = 4;
    /** The watched run ended CANCELLED. */
    public static final int RUN_CANCELLED = 5;
    /** A bug in the CLI itself. */
    public static final int INTERNAL = 70;

    // The exit code list of --help, one constant each (annotations take constants only).
    static final String HELP_OK = "0:success; with --watch: the run completed";
    static final String HELP_RUN_FAILED = "1:the run failed";
    static final String HELP_USAGE = "2:usage error (bad arguments, unreadable file)";
    static final String HELP_SERVICE = "3:a service refused the request, failed or is unreachable";
    static final String HELP_AUTH = "4:no token, token refused (401) or role missing (403)";
    static final String HELP_CANCELLED = "5:the run was cancelled";
    static final String HELP_INTERNAL = "70:internal error of the CLI";

    private ExitCode() {
    }

    /** The exit code for a run that ended with this status (COMPLETED, FAILED, CANCELLED). */
    public static int ofRunStatus(String status) {
        return switch (status == null ? "" : status) {
            case "COMPLETED" -> OK;
            case "CANCELLED" -> RUN_CANCELLED;
            default -> RUN_FAILED;
        };
    }
}
