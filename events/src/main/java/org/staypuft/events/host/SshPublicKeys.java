package org.staypuft.events.host;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one parser of OpenSSH public keys, for every trust decision (host keys the runner checks strictly, the proxy
 * key hosts put into {@code authorized_keys}): an allow-listed algorithm, and base64 that decodes to a key blob of
 * exactly that algorithm, every field of it well formed (RFC 4253 6.6). A truncated, anonymised or mislabelled key
 * is refused, saying why.
 */
public final class SshPublicKeys {

    /** Key types we accept; DSA (obsolete) and the security-key types are deliberately not among them. */
    public static final List<String> ALGORITHMS = List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
            "ecdsa-sha2-nistp521", "ssh-rsa");

    /** Longer than a 16384-bit RSA key in base64. */
    private static final int MAX_KEY_CHARS = 4096;
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");

    private SshPublicKeys() {
    }

    /** A key line taken apart; {@code comment} is null when the line has none. */
    public record KeyLine(SshHostKey key, String comment) {
    }

    /**
     * Parses one {@code "algorithm base64 [comment]"} line, as in {@code ssh_host_*_key.pub} or
     * {@code authorized_keys} (without options).
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static KeyLine parse(String line) {
        if (line == null || line.isBlank()) {
            throw new IllegalArgumentException("the key line is empty");
        }
        String[] parts = line.strip().split("\\s+", 3);
        String algorithm = parts[0];
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("algorithm '" + shorten(algorithm) + "' is not allowed (allowed: "
                    + String.join(", ", ALGORITHMS) + ")");
        }
        if (parts.length < 2) {
            throw new IllegalArgumentException(
                    "the line is not \"algorithm base64-key [comment]\": it has no key after the algorithm");
        }
        String key = parts[1];
        if (key.length() > MAX_KEY_CHARS || !BASE64.matcher(key).matches()) {
            throw new IllegalArgumentException("the key is not a base64 SSH public key: it is not base64");
        }
        Optional<String> encoded = algorithmOf(key);
        if (encoded.isEmpty()) {
            throw new IllegalArgumentException(
                    "the key is not a base64 SSH public key: its blob is not a well-formed key");
        }
        if (!encoded.get().equals(algorithm)) {
            throw new IllegalArgumentException("the key is an " + shorten(encoded.get()) + " key, not " + algorithm
                    + " as the line says: it is not an " + algorithm + " key");
        }
        return new KeyLine(new SshHostKey(algorithm, key), parts.length == 3 ? parts[2] : null);
    }

    /** {@link #parse(String)} for a line whose comment does not matter (host keys). */
    public static SshHostKey hostKey(String line) {
        return parse(line).key();
    }

    /**
     * The algorithm of an SSH public key blob (RFC 4253 6.6): a sequence of length-prefixed fields, the algorithm
     * name first, then the key material: ed25519 one 32-byte field, ECDSA the curve and the point, RSA the exponent
     * and the modulus. The fields must fill the blob exactly.
     *
     * @return empty when {@code base64} is not such a key
     */
    public static Optional<String> algorithmOf(String base64) {
        if (base64 == null || base64.length() > MAX_KEY_CHARS) {
            return Optional.empty();
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        List<byte[]> fields = fields(blob);
        if (fields == null || fields.isEmpty() || fields.get(0).length == 0 || fields.get(0).length > 64) {
            return Optional.empty();
        }
        String name = new String(fields.get(0), StandardCharsets.US_ASCII);
        boolean wellFormed = switch (name) {
            case "ssh-ed25519" -> fields.size() == 2 && fields.get(1).length == 32;
            case "ssh-rsa" -> fields.size() == 3 && fields.get(2).length >= 128;
            case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521" -> fields.size() == 3
                    && name.equals("ecdsa-sha2-" + new String(fields.get(1), StandardCharsets.US_ASCII));
            default -> fields.size() >= 2 && name.chars().allMatch(c -> c > 32 && c < 127);
        };
        return wellFormed ? Optional.of(name) : Optional.empty();
    }

    /** The length-prefixed fields of a blob, or null when they do not fill it exactly. */
    private static List<byte[]> fields(byte[] blob) {
        List<byte[]> fields = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(blob);
        while (buffer.hasRemaining()) {
            if (buffer.remaining() < 4) {
                return null;
            }
            int length = buffer.getInt();
            if (length < 0 || length > buffer.remaining()) {
                return null;
            }
            byte[] field = new byte[length];
            buffer.get(field);
            fields.add(field);
        }
        return fields;
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
