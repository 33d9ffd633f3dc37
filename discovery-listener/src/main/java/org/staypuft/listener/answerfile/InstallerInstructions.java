package org.staypuft.listener.answerfile;

/** What an operator does to register hosts Staypuft cannot provision, as plain text. */
final class InstallerInstructions {

    private InstallerInstructions() {
    }

    /**
     * @param listenerUrl this listener as the hosts reach it
     * @param puppetServer the puppet server answer files name by default
     * @param sshUser the user whose authorized_keys gets the proxy's key by default
     */
    static String text(String listenerUrl, String puppetServer, String sshUser) {
        String file = AnswerFile.FILE_NAME;
        return """
                Registering hosts Staypuft cannot provision, with the client installer
                =====================================================================

                1. Make an answer file (operator role). With the CLI:
                     staypuft answer-file -o %1$s
                   or directly:
                     curl -fsS -X POST -H "Authorization: Bearer $STAYPUFT_TOKEN" -H 'Content-Type: application/json' \\
                       -d '{"ttl": "P1D", "description": "rack 4"}' %2$s/api/v1/answer-files > %1$s
                   All fields are optional: ttl (ISO-8601, default P1D), description, puppetServer (default %3$s),
                   sshUser (default %4$s), registrationUrl (default %2$s/api/v1/registrations).
                   The file holds a new registration token: keep it private. One file serves any number of hosts
                   until the token expires; revoke it early with DELETE /api/v1/registration-tokens/{id}.

                2. Copy the installer and the answer file to each host:
                     scp client-installer/staypuft-client-installer.sh %1$s root@HOST:

                3. Run the installer there as root (--dry-run first shows what it would do):
                     ssh root@HOST sh staypuft-client-installer.sh --answers %1$s
                   It stops and disables the puppet agent service, adds the Staypuft proxy's SSH key to the
                   authorized_keys of the SSH user (once), points the agent at the puppet server and registers the
                   host with its name, address, MAC, SSH host keys and, when facter is installed, its facts.
                   The host needs curl and must reach the registration URL and the puppet server.

                4. Success looks like this: exit code 0, and the installer's last lines
                     staypuft-client-installer: registered HOSTNAME (ADDRESS, MAC)
                     staypuft-client-installer: done: the agent is off, Staypuft's proxy can reach USER over SSH, the host is registered
                   The host then appears in the host registry as a registered host (staypuft hosts list --kind registered).
                   Running the installer again changes nothing ("already registered"); after a change on the host
                   (new address, new SSH host keys) it registers the new details.

                   Other exit codes: 2 the answer file is missing or invalid, 3 a local step failed (the message
                   says which), 4 the token was refused (expired or revoked: make a new answer file), 5 Staypuft
                   could not be reached from the host.
                """
                .formatted(file, listenerUrl, puppetServer, sshUser);
    }
}
