package org.staypuft.registry.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import org.staypuft.events.host.SshHostKey;

/**
 * OpenSSH public keys, checked before they are stored, handed to Puppet or written into a shell script: an
 * allow-listed algorithm, base64 that decodes to a key blob of that very algorithm, and a comment without anything a
 * shell would interpret.
 */
public final class SshPublicKeys {

    /** Key types we accept; DSA and the security-key types are deliberately not among them. */
    public static final List<String> ALGORITHMS = List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
            "ecdsa-sha2-nistp521", "ssh-rsa");

    /** Longer than a 16384-bit RSA key in base64. */
    private static final int MAX_KEY_CHARS = 4096;
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");
    /** Words of letters, digits and {@code @ . _ : + = / -}: enough for user@host, nothing a shell expands. */
    private static final Pattern COMMENT = Pattern.compile("[A-Za-z0-9@._:+=/-]+( [A-Za-z0-9@._:+=/-]+)*");

    private SshPublicKeys() {
    }

    /**
     * A host key line as in {@code /etc/ssh/ssh_host_*_key.pub}: "algorithm base64 [comment]"; the comment is
     * dropped.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static SshHostKey hostKey(String line) {
        String[] parts = split(line);
        return new SshHostKey(parts[0], parts[1]);
    }

    /**
     * An {@code authorized_keys} line without options: "algorithm base64 [comment]", returned with single spaces.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static String authorizedKeyLine(String line) {
        String[] parts = split(line);
        return parts[2] == null ? parts[0] + " " + parts[1] : parts[0] + " " + parts[1] + " " + parts[2];
    }

    /** @return algorithm, key, comment (null when none) */
    private static String[] split(String line) {
        if (line == null || line.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        String[] parts = line.strip().split("[ \t]+", 3);
        if (parts.length < 2) {
            throw new IllegalArgumentException("is not \"algorithm base64-key [comment]\"");
        }
        String algorithm = parts[0];
        String key = parts[1];
        String comment = parts.length == 3 ? parts[2] : null;
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("has algorithm '" + shorten(algorithm) + "'; allowed: "
                    + String.join(", ", ALGORITHMS));
        }
        if (key.length() > MAX_KEY_CHARS || !BASE64.matcher(key).matches()) {
            throw new IllegalArgumentException("has a key that is not base64");
        }
        requireBlobOf(algorithm, key);
        if (comment != null && !COMMENT.matcher(comment).matches()) {
            throw new IllegalArgumentException("has a comment with characters other than letters, digits, spaces and "
                    + "@ . _ : + = / -");
        }
        return new String[]{algorithm, key, comment};
    }

    /** The blob starts with its own key type (RFC 4253 6.6): a key pasted under the wrong name is refused. */
    private static void requireBlobOf(String algorithm, String key) {
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("has a key that does not decode as base64");
        }
        ByteBuffer buffer = ByteBuffer.wrap(blob);
        if (blob.length < 4) {
            throw new IllegalArgumentException("has a key too short to be an SSH key");
        }
        int nameLength = buffer.getInt();
        if (nameLength != algorithm.length() || buffer.remaining() <= nameLength) {
            throw new IllegalArgumentException("has a key that is not an " + algorithm + " key");
        }
        byte[] name = new byte[nameLength];
        buffer.get(name);
        if (!algorithm.equals(new String(name, StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException("has a key that is not an " + algorithm + " key");
        }
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
