package org.staypuft.runner.ssh;

import java.security.PublicKey;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.staypuft.runner.config.HostKeyPolicy;

/**
 * The host key decision for one connection: which policy applies, which keys are acceptable, and what the host
 * presented. The SSH client's verifier fills in the verdict during key exchange; the caller reads it afterwards.
 *
 * @param expectedKeys OpenSSH lines ({@code type base64}) from the request, i.e. from the host's facts
 * @param pinnedKey the key pinned at first contact (policy accept-new), if any
 */
public final class HostKeyCheck {

    /** Where the check travels with the connection, to the verifier and the algorithm narrowing. */
    public static final AttributeKey<HostKeyCheck> ATTRIBUTE = new AttributeKey<>();

    private final HostKeyPolicy policy;
    private final List<String> expectedKeys;
    private final Optional<String> pinnedKey;
    private volatile String presentedKey;
    private volatile String mismatch;
    private volatile boolean firstContact;

    public HostKeyCheck(HostKeyPolicy policy, List<String> expectedKeys, Optional<String> pinnedKey) {
        this.policy = policy;
        this.expectedKeys = List.copyOf(expectedKeys);
        this.pinnedKey = pinnedKey;
    }

    /** Called during key exchange; false aborts the connection. */
    public boolean verify(PublicKey serverKey) {
        String presented = PublicKeyEntry.toString(serverKey);
        presentedKey = presented;
        return switch (policy) {
            case OFF -> true;
            case STRICT -> {
                if (expectedKeys.isEmpty()) {
                    yield reject("policy strict needs the host's keys in the request, and it carried none");
                }
                yield expectedKeys.contains(presented) || reject("host presented " + describe(serverKey)
                        + ", which is not among the " + expectedKeys.size() + " key(s) from its facts (policy strict)");
            }
            case ACCEPT_NEW -> {
                if (pinnedKey.isPresent()) {
                    yield pinnedKey.get().equals(presented) || reject("host presented " + describe(serverKey)
                            + ", but another key was pinned at first contact (policy accept-new); if the host was "
                            + "reinstalled, forget the pinned key and run again");
                }
                if (!expectedKeys.isEmpty() && !expectedKeys.contains(presented)) {
                    yield reject("host presented " + describe(serverKey) + ", which is not among the "
                            + expectedKeys.size() + " key(s) from its facts (policy accept-new)");
                }
                firstContact = true;
                yield true;
            }
        };
    }

    private boolean reject(String reason) {
        mismatch = reason;
        return false;
    }

    private static String describe(PublicKey key) {
        return KeyUtils.getKeyType(key) + " key " + KeyUtils.getFingerPrint(key);
    }

    public HostKeyPolicy policy() {
        return policy;
    }

    /** Why the host's key was refused, if it was. */
    public Optional<String> mismatch() {
        return Optional.ofNullable(mismatch);
    }

    /** The key to pin: set when policy accept-new met this host for the first time. */
    public Optional<String> keyToPin() {
        return firstContact && mismatch == null ? Optional.ofNullable(presentedKey) : Optional.empty();
    }

    /**
     * The key types we would accept, to offer only matching host key algorithms: a host with several keys then
     * presents the one we know. Empty when any type will do.
     */
    public Set<String> acceptableKeyTypes() {
        Set<String> types = new LinkedHashSet<>();
        if (policy == HostKeyPolicy.ACCEPT_NEW && pinnedKey.isPresent()) {
            types.add(typeOf(pinnedKey.get()));
        } else if (policy != HostKeyPolicy.OFF) {
            expectedKeys.forEach(key -> types.add(typeOf(key)));
        }
        return types;
    }

    private static String typeOf(String openSshLine) {
        int space = openSshLine.indexOf(' ');
        return space < 0 ? openSshLine : openSshLine.substring(0, space);
    }
}
