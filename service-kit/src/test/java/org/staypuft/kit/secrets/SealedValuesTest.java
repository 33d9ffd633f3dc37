package org.staypuft.kit.secrets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealedValuesTest {

    private final byte[] key = randomKey();

    @Test
    void aSealedValueOpensUnderItsNameOnlyAndDoesNotShowTheValue() {
        String sealed = SealedValues.seal(key, "db_password", "s3cret-ä");
        assertThat(sealed).startsWith("v1:").doesNotContain("s3cret").matches("v1:[A-Za-z0-9_-]+");
        assertThat(SealedValues.unseal(key, "db_password", sealed)).isEqualTo("s3cret-ä");
        // Moved to another name, opened with another key, or altered: refused, naming the parameter only.
        assertThatThrownBy(() -> SealedValues.unseal(key, "admin_password", sealed))
                .isInstanceOf(SealedValueException.class).hasMessageContaining("admin_password")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> SealedValues.unseal(randomKey(), "db_password", sealed))
                .isInstanceOf(SealedValueException.class);
        String altered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A") ? "BB" : "AA");
        assertThatThrownBy(() -> SealedValues.unseal(key, "db_password", altered))
                .isInstanceOf(SealedValueException.class);
        assertThatThrownBy(() -> SealedValues.unseal(key, "db_password", "plain"))
                .hasMessageContaining("not a sealed value");
    }

    @Test
    void sealingTheSameValueTwiceGivesDifferentSeals() {
        assertThat(SealedValues.seal(key, "a", "same")).isNotEqualTo(SealedValues.seal(key, "a", "same"));
    }

    @Test
    void theKeyFileMustHoldThirtyTwoBytesOfBase64(@TempDir Path directory) throws Exception {
        Path good = Files.writeString(directory.resolve("good"), Base64.getEncoder().encodeToString(key) + "\n");
        assertThat(SealedValues.readKey(good)).isEqualTo(key);
        Path shortKey = Files.writeString(directory.resolve("short"), Base64.getEncoder().encodeToString(new byte[16]));
        assertThatThrownBy(() -> SealedValues.readKey(shortKey)).hasMessageContaining("16 bytes, not 32");
        assertThatThrownBy(() -> SealedValues.readKey(directory.resolve("missing")))
                .hasMessageContaining("staypuft.secrets.key-file");
    }

    private static byte[] randomKey() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return random;
    }
}
