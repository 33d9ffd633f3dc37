package org.staypuft.runner.puppet;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.staypuft.events.puppet.AgentState;

/**
 * Puppet's own reasons for applying nothing, read from a real agent's console output (exit 1). The lock held by
 * another run is not here: that one is retried ({@link PuppetRunAttempt#RUN_IN_PROGRESS}).
 */
final class AgentStates {

    /** "Notice: Skipping run of Puppet configuration client; administratively disabled (Reason: 'msg');" */
    private static final Pattern DISABLED = Pattern.compile(
            "administratively disabled \\(Reason: '(.*?)'\\);?\\s*$", Pattern.MULTILINE);
    private static final Pattern NO_CERTIFICATE = Pattern.compile(
            "no certificate found and waitforcert is disabled|Certificate for .* has not been signed yet"
                    + "|Couldn't fetch certificate from CA server|certificate request .* (?:is pending|not signed)",
            Pattern.CASE_INSENSITIVE);
    /**
     * The CA refused the request because it signed that certname before, for another key (a host re-made without
     * {@code puppetserver ca clean}, or a key whose certificate was never fetched): the agent's 400 is silent, it then
     * fetches the old certificate, which does not match its key. The server says "already has a signed certificate",
     * {@code puppet ssl submit_request} "due to a conflict on the server".
     */
    private static final Pattern CERTIFICATE_REFUSED = Pattern.compile(
            "already has a signed certificate|does not match its private key|Failed to submit the CSR"
                    + "|due to a conflict on the server",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern UNREACHABLE = Pattern.compile(
            "Failed to open TCP connection to ([^\\s)]+)|Connection refused - connect\\(2\\) for ([^\\s)]+)"
                    + "|No route to host|getaddrinfo: Name or service not known|Temporary failure in name resolution");

    record Declined(AgentState state, String reason) {
    }

    /** @return Puppet's reason for not running, or null when the output shows none of them */
    static Declined declined(String output) {
        Matcher disabled = DISABLED.matcher(output);
        if (disabled.find()) {
            return new Declined(AgentState.AGENT_DISABLED, "the puppet agent is disabled by an operator: '"
                    + disabled.group(1) + "' (puppet agent --enable re-enables it); not retried");
        }
        if (output.contains("administratively disabled")) {
            return new Declined(AgentState.AGENT_DISABLED,
                    "the puppet agent is disabled by an operator (puppet agent --enable re-enables it); not retried");
        }
        if (CERTIFICATE_REFUSED.matcher(output).find()) {
            return new Declined(AgentState.CERTIFICATE_NOT_SIGNED, "the agent has no certificate the puppet server "
                    + "accepts: its CA refused the agent's request, or the certificate it signed for this certname "
                    + "does not match the agent's key (a host re-made with the same name: clean it on the server, "
                    + "puppetserver ca clean --certname <name>, and remove the host's ssldir); not retried");
        }
        if (NO_CERTIFICATE.matcher(output).find()) {
            return new Declined(AgentState.CERTIFICATE_NOT_SIGNED, "the agent has no signed certificate: the puppet "
                    + "server's CA has not signed its request (sign it, or enable autosigning for it)");
        }
        Matcher unreachable = UNREACHABLE.matcher(output);
        if (unreachable.find()) {
            String server = unreachable.group(1) != null ? unreachable.group(1) : unreachable.group(2);
            return new Declined(AgentState.SERVER_UNREACHABLE, "the agent could not reach the puppet server"
                    + (server == null ? "" : " " + server) + ": " + unreachable.group().strip());
        }
        return null;
    }

    private AgentStates() {
    }
}
