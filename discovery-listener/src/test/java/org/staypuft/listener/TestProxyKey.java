package org.staypuft.listener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The puppet-runner's public key as the listener reads it in the tests ({@code %test.staypuft.listener.
 * proxy-public-key-file}). Each test says whether it wants the key there; the key itself is made once per run.
 */
final class TestProxyKey {

    static final Path FILE = Path.of("target/test-proxy-key/id_ed25519.pub");
    static final String LINE = SshKeyLines.ed25519("staypuft-proxy@test");

    private TestProxyKey() {
    }

    static void present() {
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, "# written by the tests\n" + LINE + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void absent() {
        try {
            Files.deleteIfExists(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
