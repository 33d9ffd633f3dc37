package org.staypuft.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local stack's ENC secret: made once, kept across {@code ./staypuft up} like the operator's signing key, and
 * readable by this user only. A real setup puts the same value in the registry's secret and the puppet server's
 * {@code staypuft-enc --secret-file} (docs/real-puppet.md).
 */
final class EncSharedSecret {

    private EncSharedSecret() {
    }

    /** @return the secret in {@code file}, made there first if there is none */
    static String ensure(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            Files.createDirectories(file.getParent());
            Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return Files.readString(file).strip();
    }
}
