package org.staypuft.listener.facts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.staypuft.events.host.SshHostKey;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * SSH host public keys: from facts ({@code sshrsakey}, {@code sshecdsakey}, {@code sshed25519key} or the
 * structured {@code ssh} fact) and from {@code known_hosts}-style lines. A key counts only when its base64 decodes
 * and the algorithm name encoded inside the key matches the one claimed, so an anonymised or truncated fact never
 * becomes a key we later trust.
 */
public final class SshHostKeys {

    /** What we accept; DSA is obsolete and OpenSSH no longer offers it. */
    public static final Set<String> ALLOWED_ALGORITHMS = Set.of("ssh-ed25519", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa");

    /** Base64 of a 16384-bit RSA key is under 3000 characters. */
    private static final int MAX_KEY_CHARS = 4096;
    /** Hosts have three or four host keys; more is noise that would bloat events. */
    public static final int MAX_KEYS = 8;

    /** Legacy facter facts and the algorithm each one holds (ECDSA's curve is read from the key itself). */
    private static final Map<String, String> LEGACY_FACTS = legacyFacts();

    private SshHostKeys() {
    }

    private static Map<String, String> legacyFacts() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("sshrsakey", "ssh-rsa");
        facts.put("sshecdsakey", "ecdsa-sha2-");
        facts.put("sshed25519key", "ssh-ed25519");
        return facts;
    }

    /** The valid host keys among the facts, without duplicates; invalid ones are left out. */
    public static List<SshHostKey> fromFacts(Facts facts) {
        Map<String, SshHostKey> byKey = new LinkedHashMap<>();
        LEGACY_FACTS.forEach((fact, algorithm) -> {
            String key = facts.text(fact);
            if (key != null) {
                String encoded = encodedAlgorithm(key);
                if (encoded != null && encoded.startsWith(algorithm) && ALLOWED_ALGORITHMS.contains(encoded)) {
                    byKey.putIfAbsent(key, new SshHostKey(encoded, key));
                }
            }
        });
        // Facter 3+: {"ssh": {"ed25519": {"key": "...", "type": "ssh-ed25519", "fingerprints": {...}}, ...}}
        JsonNode structured = facts.path("ssh");
        if (structured.isObject()) {
            structured.properties().forEach(entry -> {
                String key = Facts.textOf(entry.getValue().path("key"));
                String type = Facts.textOf(entry.getValue().path("type"));
                if (key != null && type != null && ALLOWED_ALGORITHMS.contains(type)
                        && type.equals(encodedAlgorithm(key))) {
                    byKey.putIfAbsent(key, new SshHostKey(type, key));
                }
            });
        }
        return byKey.values().stream().limit(MAX_KEYS).toList();
    }

    /**
     * Parses one {@code "algorithm base64 [comment]"} line (a {@code ssh_host_*_key.pub} file).
     *
     * @throws IllegalArgumentException with a message saying what is wrong
     */
    public static SshHostKey fromLine(String line) {
        if (line == null || line.isBlank()) {
            throw new IllegalArgumentException("the key line is empty");
        }
        String[] parts = line.strip().split("\\s+", 3);
        String algorithm = parts[0];
        if (!ALLOWED_ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("algorithm '" + shorten(algorithm) + "' is not allowed (allowed: "
                    + String.join(", ", ALLOWED_ALGORITHMS.stream().sorted().toList()) + ")");
        }
        if (parts.length < 2) {
            throw new IllegalArgumentException("the line has no key after the algorithm");
        }
        String key = parts[1];
        String encoded = encodedAlgorithm(key);
        if (encoded == null) {
            throw new IllegalArgumentException("the key is not a base64 SSH public key");
        }
        if (!encoded.equals(algorithm)) {
            throw new IllegalArgumentException(
                    "the key is an " + shorten(encoded) + " key, not " + algorithm + " as the line says");
        }
        return new SshHostKey(algorithm, key);
    }

    /**
     * The algorithm of an SSH public key blob (RFC 4253 6.6): a sequence of length-prefixed fields, the algorithm
     * name first, then the key material: ed25519 one 32-byte field, ECDSA the curve and the point, RSA the exponent
     * and the modulus. The fields must fill the blob exactly.
     *
     * @return null when {@code base64} is not such a key
     */
    static String encodedAlgorithm(String base64) {
        if (base64.length() > MAX_KEY_CHARS) {
            return null;
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
        List<byte[]> fields = fields(blob);
        if (fields == null || fields.isEmpty() || fields.get(0).length == 0 || fields.get(0).length > 64) {
            return null;
        }
        String name = new String(fields.get(0), StandardCharsets.US_ASCII);
        boolean wellFormed = switch (name) {
            case "ssh-ed25519" -> fields.size() == 2 && fields.get(1).length == 32;
            case "ssh-rsa" -> fields.size() == 3 && fields.get(2).length >= 128;
            case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521" -> fields.size() == 3
                    && name.equals("ecdsa-sha2-" + new String(fields.get(1), StandardCharsets.US_ASCII));
            default -> fields.size() >= 2 && name.chars().allMatch(c -> c > 32 && c < 127);
        };
        return wellFormed ? name : null;
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
