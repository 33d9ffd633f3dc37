package org.staypuft.listener.facts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.staypuft.events.host.SshHostKey;
import org.staypuft.events.host.SshPublicKeys;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * SSH host public keys: from facts ({@code sshrsakey}, {@code sshecdsakey}, {@code sshed25519key} or the
 * structured {@code ssh} fact) and from {@code known_hosts}-style lines, checked by the contract's one parser
 * ({@link SshPublicKeys}): a key counts only when its blob is well formed and of the algorithm claimed, so an
 * anonymised or truncated fact never becomes a key we later trust.
 */
public final class SshHostKeys {

    /** What we accept: the contract's list. */
    private static final List<String> ALLOWED_ALGORITHMS = SshPublicKeys.ALGORITHMS;
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
     * Parses one {@code "algorithm base64 [comment]"} line (a {@code ssh_host_*_key.pub} file) with the contract's
     * one strict parser.
     *
     * @throws IllegalArgumentException with a message saying what is wrong
     */
    public static SshHostKey fromLine(String line) {
        return SshPublicKeys.hostKey(line);
    }

    /** The algorithm encoded in a key blob, or null when it is not a well-formed key. */
    private static String encodedAlgorithm(String base64) {
        return SshPublicKeys.algorithmOf(base64).orElse(null);
    }
}
