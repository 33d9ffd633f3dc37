package org.staypuft.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.staypuft.simulator.enc.EncAccess;
import org.staypuft.testsupport.ServiceProcess;

/**
 * A registry's node classifier in the end-to-end tests: its own free port and the shared secret, which the
 * simulator sends as the puppet server's {@code staypuft-enc} would.
 */
record RegistryEnc(int port, Path secretFile, String secret) {

    static RegistryEnc onAFreePort() {
        try {
            // A file per registry: the registry reads it at each request, so a second registry of this JVM (the
            // inventory rebuild's) must not overwrite the stack's.
            String secret = UUID.randomUUID() + "-" + UUID.randomUUID();
            Path file = Files.createDirectories(Path.of("target", "e2e-state").toAbsolutePath())
                    .resolve("enc-" + secret.substring(0, 8) + ".secret");
            Files.writeString(file, secret + "\n");
            return new RegistryEnc(ServiceProcess.freePort(), file, secret);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the registry needs to serve it. */
    Map<String, String> registrySettings() {
        return Map.of("staypuft.registry.enc.port", Integer.toString(port),
                "staypuft.registry.enc.secret-file", secretFile.toString());
    }

    URI url() {
        return URI.create("http://localhost:" + port);
    }

    EncAccess access() {
        return new EncAccess(url(), secret);
    }
}
