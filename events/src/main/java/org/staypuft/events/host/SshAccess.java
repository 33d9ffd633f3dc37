package org.staypuft.events.host;

import java.util.regex.Pattern;

/**
 * How Staypuft's runner reaches a host over SSH, as the host's registration says: either part may be absent (null),
 * then the role's {@code ssh} setting or the orchestrator's global one applies.
 *
 * @param port the port the host's sshd listens on, 1..65535
 * @param user the login user, a POSIX-portable user name ({@link #USER})
 */
public record SshAccess(Integer port, String user) {

    /** POSIX-portable user names, as the runner and the client installer accept them. */
    public static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    public static final int MIN_PORT = 1;
    public static final int MAX_PORT = 65_535;
}
