package org.staypuft.runner.ssh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staypuft.runner.config.ProxyKeyType;
import org.staypuft.testsupport.KafkaTestResource;
import org.staypuft.testsupport.PostgresTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A @QuarkusTest only for its class loader: sshd-core registers its EdDSA JCE provider JVM-wide, so once the Quarkus
 * tests of this module ran, key generation outside the Quarkus class loader would hand back keys of the other loader.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ProxyKeyFilesTest {

    @TempDir
    Path directory;

    @Test
    void aGeneratedEd25519KeyIsOwnerOnlyAndLoadsBack() throws Exception {
        Path path = directory.resolve("keys/id_ed25519");

        assertThat(ProxyKeyFiles.generate(path, ProxyKeyType.ED25519, "runner")).isTrue();
        KeyPair loaded = ProxyKeyFiles.load(path);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path.getParent())))
                .isEqualTo("rwx------");
        assertThat(ProxyKeyFiles.tooOpen(path)).isFalse();
        assertThat(KeyUtils.getKeyType(loaded)).isEqualTo("ssh-ed25519");
        assertThat(Files.readString(directory.resolve("keys/id_ed25519.pub")))
                .isEqualTo(ProxyKeyFiles.authorizedKeysLine(loaded, "runner") + "\n");
    }

    @Test
    void anExistingKeyIsNeverReplaced() throws Exception {
        Path path = directory.resolve("id_ed25519");
        ProxyKeyFiles.generate(path, ProxyKeyType.ED25519, "first");
        String first = Files.readString(path);

        assertThat(ProxyKeyFiles.generate(path, ProxyKeyType.RSA, "second")).isFalse();
        assertThat(Files.readString(path)).isEqualTo(first);
    }

    @Test
    void rsaKeysAreAccepted() throws Exception {
        Path generated = directory.resolve("id_rsa");
        ProxyKeyFiles.generate(generated, ProxyKeyType.RSA, "runner");
        assertThat(KeyUtils.getKeyType(ProxyKeyFiles.load(generated))).isEqualTo("ssh-rsa");

        // and one made by OpenSSH's ssh-keygen, as an operator would provide it
        Path byKeygen = directory.resolve("id_rsa_keygen");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f",
                byKeygen.toString()).redirectErrorStream(true).start();
        assertThat(keygen.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keygen.exitValue()).isZero();
        assertThat(KeyUtils.getKeyType(ProxyKeyFiles.load(byKeygen))).isEqualTo("ssh-rsa");
    }
}
