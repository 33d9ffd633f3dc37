package org.staypuft.events.host;

/**
 * An SSH host public key as in {@code known_hosts}: algorithm ({@code ssh-ed25519}, {@code ecdsa-sha2-nistp256},
 * {@code ssh-rsa}) and the base64 key.
 */
public record SshHostKey(String algorithm, String key) {

    /** The {@code authorized_keys} / {@code known_hosts} form: "algorithm key". */
    public String openSshLine() {
        return algorithm + " " + key;
    }
}
