package org.staypuft.simulator.announce;

/** The discovery listener did not accept a fact upload or registration (or could not be reached). */
public final class AnnouncementRefusedException extends RuntimeException {

    private final int status;

    public AnnouncementRefusedException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status, or 0 when the listener could not be reached. */
    public int status() {
        return status;
    }
}
