package org.staypuft.runner.ssh;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

/**
 * Offers only the host key algorithms of the keys we expect. Without this a host with an ed25519 and an RSA key
 * presents ed25519, and a request that knows only its RSA key would see a mismatch. Only the host key proposal is
 * narrowed: our own key's signature algorithm for authentication stays available.
 */
final class HostKeyAlgorithms implements SessionListener {

    @Override
    public void sessionNegotiationOptionsCreated(Session session, Map<KexProposalOption, String> proposal) {
        if (!(session instanceof ClientSession client) || client.getConnectionContext() == null) {
            return;
        }
        HostKeyCheck check = client.getConnectionContext().getAttribute(HostKeyCheck.ATTRIBUTE);
        String offered = proposal.get(KexProposalOption.SERVERKEYS);
        if (check == null || check.acceptableKeyTypes().isEmpty() || offered == null) {
            return;
        }
        Set<String> types = check.acceptableKeyTypes();
        String narrowed = Arrays.stream(offered.split(",")).filter(algorithm -> types.contains(keyTypeOf(algorithm)))
                .collect(Collectors.joining(","));
        if (!narrowed.isEmpty()) {
            proposal.put(KexProposalOption.SERVERKEYS, narrowed);
        }
    }

    /** The key type behind a host key algorithm: RSA keys sign with rsa-sha2-256/512 too. */
    static String keyTypeOf(String hostKeyAlgorithm) {
        return switch (hostKeyAlgorithm) {
            case "rsa-sha2-256", "rsa-sha2-512" -> "ssh-rsa";
            default -> hostKeyAlgorithm;
        };
    }
}
