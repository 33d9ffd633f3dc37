package org.staypuft.listener.answerfile;

import java.time.format.DateTimeFormatter;

import org.staypuft.listener.token.IssuedToken;

/**
 * The client installer's answer file: {@code key=value} lines, which the installer reads without executing anything
 * (its {@code answer()} takes the last line of a key, the value from after the {@code =} to the end of the line).
 * Comment lines say what the file is, until when its token works and what to do with it.
 */
record AnswerFile(String registrationUrl, IssuedToken token, String proxyPublicKey, String puppetServer,
        String sshUser) {

    /** The name the installer looks for in {@code /etc/staypuft/} when it is given no {@code --answers}. */
    static final String FILE_NAME = "client-installer.answers";

    String render() {
        String expires = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(token.expiresAt());
        return """
                # Staypuft client installer answer file, made %s for: %s
                # It holds registration token %s, valid until %s: keep this file private.
                # Revoke the token: DELETE /api/v1/registration-tokens/%s on the discovery listener.
                # On each host to register, as root, with the installer (client-installer/ in the Staypuft sources):
                #   sh staypuft-client-installer.sh --answers %s
                # Success: exit code 0 and "registered <host name>"; a second run changes nothing.
                # Exit 4 means the token expired or was revoked: make a new answer file.
                registration_url=%s
                registration_token=%s
                proxy_public_key=%s
                puppet_server=%s
                ssh_user=%s
                """.formatted(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(token.createdAt()),
                InstallerValues.oneLine(token.description()), token.id(), expires, token.id(), FILE_NAME,
                registrationUrl, token.token(), proxyPublicKey, puppetServer, sshUser);
    }
}
