package org.staypuft.runner.puppet;

import java.util.Optional;
import java.util.regex.Pattern;

import org.staypuft.events.host.SshHostKey;
import org.staypuft.events.host.SshPublicKeys;
import org.staypuft.events.puppet.RequestPuppetRun;

/**
 * Checks every request value that reaches the host (the shell line, the login, the address) against a strict
 * pattern. A request that fails is not run at all: it completes as FAILED with the reason, and the host never sees
 * it.
 */
public final class RequestValidator {

    /** Puppet's own rule for environment names. */
    public static final Pattern ENVIRONMENT = Pattern.compile("^[a-z0-9_]{1,64}$");
    /** RFC 1123 host names: dot-separated labels of letters, digits and inner hyphens, 253 characters at most. */
    public static final Pattern HOSTNAME = Pattern.compile(
            "^(?=.{1,253}\\.?$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?$");
    public static final Pattern IPV4 = Pattern.compile(
            "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    public static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:]{2,39}(%[A-Za-z0-9]{1,16})?$");
    /** POSIX-portable user names, as useradd accepts them. */
    public static final Pattern USER = Pattern.compile("^[a-z_][a-z0-9_-]{0,31}$");

    private RequestValidator() {
    }

    /** @return why the request must not run, or empty when it may */
    public static Optional<String> rejectionOf(RequestPuppetRun request) {
        if (request.environment() != null && !ENVIRONMENT.matcher(request.environment()).matches()) {
            return reject("environment", request.environment(), ENVIRONMENT);
        }
        if (request.stepId() != null && !PuppetCommands.JOB_ID.matcher(request.stepId()).matches()) {
            return reject("stepId", request.stepId(), PuppetCommands.JOB_ID);
        }
        if (request.hostName() != null && !HOSTNAME.matcher(request.hostName()).matches()) {
            return reject("hostName", request.hostName(), HOSTNAME);
        }
        if (request.address() == null || !isAddress(request.address())) {
            return Optional.of("Rejected: address " + quote(request.address())
                    + " is neither an IP address nor an RFC 1123 host name");
        }
        if (request.port() < 0 || request.port() > 65535) {
            return Optional.of("Rejected: port " + request.port() + " is not between 1 and 65535");
        }
        if (request.sshUser() != null && !USER.matcher(request.sshUser()).matches()) {
            return reject("sshUser", request.sshUser(), USER);
        }
        if (request.notAfter() != null && request.startLimit().isEmpty()) {
            return Optional.of("Rejected: notAfter " + quote(request.notAfter())
                    + " is not an RFC 3339 UTC timestamp such as 2026-12-03T12:15:00Z; nothing was run");
        }
        if (request.expectedHostKeys() != null) {
            for (SshHostKey key : request.expectedHostKeys()) {
                // The contract's one strict parser: an allowed algorithm, a well-formed blob of that very algorithm.
                if (key == null || key.algorithm() == null || !SshPublicKeys.ALGORITHMS.contains(key.algorithm())
                        || SshPublicKeys.algorithmOf(key.key()).filter(key.algorithm()::equals).isEmpty()) {
                    return Optional.of("Rejected: an expected host key is not an OpenSSH public key");
                }
            }
        }
        return Optional.empty();
    }

    public static boolean isAddress(String address) {
        if (address.matches("^[0-9.]+$")) {
            // all digits and dots: an IPv4 address or nothing (a numeric top-level label is no host name)
            return IPV4.matcher(address).matches();
        }
        return (address.contains(":") && IPV6.matcher(address).matches()) || HOSTNAME.matcher(address).matches();
    }

    private static Optional<String> reject(String field, String value, Pattern pattern) {
        return Optional.of("Rejected: " + field + " " + quote(value) + " does not match " + pattern.pattern()
                + "; nothing was run");
    }

    /** Shows the offending value, shortened and with control characters escaped. */
    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        StringBuilder escaped = new StringBuilder("'");
        for (char c : shown.toCharArray()) {
            escaped.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return escaped.append('\'').toString();
    }
}
