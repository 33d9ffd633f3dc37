package org.staypuft.simulator.ssh;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Collections;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/** Host keys and {@code authorized_keys} lines, in OpenSSH's text form. */
public final class OpenSshKeys {

    private OpenSshKeys() {
    }

    /** A fresh ed25519 key pair, the kind of host key a current distribution generates first. */
    public static KeyPair newEd25519() {
        try {
            return KeyUtils.generateKeyPair(KeyPairTypes.ED25519, 256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate an ed25519 key (is net.i2p.crypto:eddsa present?)", e);
        }
    }

    /** {@code ssh-ed25519 AAAA...}: the known_hosts / authorized_keys form without a comment. */
    public static String line(PublicKey key) {
        return PublicKeyEntry.toString(key);
    }

    /** Parses {@code type base64 [comment]}, as in authorized_keys without options. */
    public static PublicKey parse(String line) {
        try {
            PublicKeyEntry entry = PublicKeyEntry.parsePublicKeyEntry(line.trim());
            if (entry == null) {
                throw new IllegalArgumentException("Empty public key line");
            }
            return entry.resolvePublicKey(null, Collections.emptyMap(), PublicKeyEntryResolver.FAILING);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Not an OpenSSH public key line: " + line, e);
        }
    }

    /** Key type names as sshd-core spells them. */
    static final class KeyPairTypes {

        static final String ED25519 = "ssh-ed25519";

        private KeyPairTypes() {
        }
    }
}
