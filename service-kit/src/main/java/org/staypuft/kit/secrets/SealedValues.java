package org.staypuft.kit.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.staypuft.kit.config.KitConfig;

/**
 * Seals and unseals secret parameter values, so that they travel in events and rest in databases as ciphertext:
 * {@code v1:} and the base64url (no padding) of a 12-byte nonce, then the AES-256-GCM ciphertext and tag of the
 * UTF-8 value. The parameter's name is the additional authenticated data, so a sealed value cannot be moved to
 * another name. The key ({@code staypuft.secrets.key-file}) is held by the orchestrator and the host registry only.
 */
@ApplicationScoped
public class SealedValues {

    public static final String PREFIX = "v1:";
    static final String SETTING = "staypuft.secrets.key-file";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    KitConfig config;

    /** Whether a key is configured (a deployment with secret parameters needs one). */
    public boolean available() {
        return config.secrets().keyFile().isPresent();
    }

    /** @return each value sealed under its name */
    public Map<String, String> seal(Map<String, String> values) {
        if (values.isEmpty()) {
            return Map.of();
        }
        byte[] key = key();
        Map<String, String> sealed = new LinkedHashMap<>();
        values.forEach((name, value) -> sealed.put(name, seal(key, name, value)));
        return sealed;
    }

    /** @return each value unsealed; throws {@link SealedValueException} naming the first one that does not open */
    public Map<String, String> unseal(Map<String, String> sealed) {
        if (sealed.isEmpty()) {
            return Map.of();
        }
        byte[] key = key();
        Map<String, String> values = new LinkedHashMap<>();
        sealed.forEach((name, value) -> values.put(name, unseal(key, name, value)));
        return values;
    }

    static String seal(byte[] key, String name, String value) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce, name);
            byte[] ciphertext = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            byte[] all = new byte[nonce.length + ciphertext.length];
            System.arraycopy(nonce, 0, all, 0, nonce.length);
            System.arraycopy(ciphertext, 0, all, nonce.length, ciphertext.length);
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(all);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    static String unseal(byte[] key, String name, String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new SealedValueException("secret parameter " + name + " is not a sealed value");
        }
        try {
            byte[] all = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length()));
            if (all.length <= NONCE_BYTES) {
                throw new SealedValueException("secret parameter " + name + " is too short to be a sealed value");
            }
            byte[] nonce = Arrays.copyOf(all, NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonce, name);
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // Never the value, never the key: which parameter, and that its seal does not open with this key.
            throw new SealedValueException("secret parameter " + name + " does not open with the key of " + SETTING
                    + " (sealed with another key, or altered)");
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce, String name) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private byte[] key() {
        Path file = config.secrets().keyFile().orElseThrow(() -> new SealedValueException(
                "secret parameters need the parameter key: set " + SETTING));
        return readKey(file);
    }

    static byte[] readKey(Path file) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException | IllegalArgumentException e) {
            throw new SealedValueException("the parameter key cannot be read from " + file + " (" + SETTING
                    + "): it must hold 32 bytes in base64");
        }
        if (key.length != 32) {
            throw new SealedValueException("the parameter key in " + file + " (" + SETTING + ") has " + key.length
                    + " bytes, not 32");
        }
        return key;
    }
}
