package org.staypuft.listener;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Real SSH public keys in OpenSSH's one-line form ({@code algorithm base64 comment}), made with the JDK's own key
 * generators: no ssh-keygen needed. The blob is RFC 4253's: length-prefixed algorithm name, then the key material.
 */
final class SshKeyLines {

    private SshKeyLines() {
    }

    static String ed25519(String comment) {
        try {
            byte[] encoded = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
            // X.509 SubjectPublicKeyInfo of Ed25519: a fixed 12-byte header, then the 32-byte key.
            byte[] key = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
            return line("ssh-ed25519", comment, text("ssh-ed25519"), key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String ecdsaP256(String comment) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            ECPublicKey key = (ECPublicKey) generator.generateKeyPair().getPublic();
            ByteArrayOutputStream point = new ByteArrayOutputStream();
            point.write(0x04);
            point.writeBytes(unsigned(key.getW().getAffineX(), 32));
            point.writeBytes(unsigned(key.getW().getAffineY(), 32));
            return line("ecdsa-sha2-nistp256", comment, text("ecdsa-sha2-nistp256"), text("nistp256"),
                    point.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String line(String algorithm, String comment, byte[]... fields) {
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        for (byte[] field : fields) {
            blob.writeBytes(new byte[]{(byte) (field.length >>> 24), (byte) (field.length >>> 16),
                    (byte) (field.length >>> 8), (byte) field.length});
            blob.writeBytes(field);
        }
        return algorithm + " " + Base64.getEncoder().encodeToString(blob.toByteArray()) + " " + comment;
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    /** A coordinate as exactly {@code length} big-endian bytes. */
    private static byte[] unsigned(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[length];
        int copy = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copy, fixed, length - copy, copy);
        return fixed;
    }
}
