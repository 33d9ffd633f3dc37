package org.staypuft.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local stack's shared secrets, made once and kept across {@code ./staypuft up} like the operator's signing key,
 * readable by this user only. A real setup puts them in Kubernetes Secrets (deploy/README.md): the ENC secret also on
 * the puppet server ({@code staypuft-enc --secret-file}), the parameter key in the orchestrator and the registry.
 */
final class LocalSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalSecrets() {
    }

    /** The ENC's shared secret (base64url, 43 characters); @return it, made first if there is none */
    static String encSecret(Path file) throws IOException {
        ensure(file, Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes()));
        return Files.readString(file).strip();
    }

    /** The parameter key that seals secret parameters: 32 random bytes in base64. */
    static void parameterKey(Path file) throws IOException {
        ensure(file, Base64.getEncoder().encodeToString(randomBytes()));
    }

    private static void ensure(Path file, String value) throws IOException {
        if (Files.isRegularFile(file)) {
            return;
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, value + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static byte[] randomBytes() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return random;
    }
}
