package org.staypuft.registry.keys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.events.host.SshPublicKeys;
import org.staypuft.kit.proxykey.ProxyKeyUnavailableException;
import org.staypuft.kit.proxykey.ProxyPublicKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What may become a trusted host key or an authorized_keys line in a script: nothing but a real key. */
class SshPublicKeysTest {

    private static final String LITERAL = "staypuft.registry.proxy-public-key";

    private static final String ED25519 = "AAAAC3NzaC1lZDI1NTE5AAAAIHfyYIJOZfqxdIZ3kc19LwzLcF+OzajH/Z+JqLo9JC/t";
    private static final String ECDSA = "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBC1xFkK3JrBEAWJ8qfusMvXIU"
            + "w+xkDzE2wIlhxeSGkiBofzkNjhU/4iM/0uOeHXWAMJoI5BBKoz3mzfQsRFIsPo=";

    @Test
    void hostKeyLinesKeepAlgorithmAndKeyAndDropTheComment() {
        assertThat(SshPublicKeys.hostKey("ssh-ed25519 " + ED25519 + " root@installed.example.com\n"))
                .isEqualTo(new SshHostKey("ssh-ed25519", ED25519));
        assertThat(SshPublicKeys.hostKey("ecdsa-sha2-nistp256\t" + ECDSA))
                .isEqualTo(new SshHostKey("ecdsa-sha2-nistp256", ECDSA));
    }

    @Test
    void anythingButAnAllowListedWellFormedKeyIsRefusedSayingWhy() {
        assertThatThrownBy(() -> SshPublicKeys.hostKey("ssh-dss AAAAB3NzaC1kc3MAAACBAP"))
                .hasMessageContaining("algorithm 'ssh-dss'");
        assertThatThrownBy(() -> SshPublicKeys.hostKey("ssh-ed25519 not*base64"))
                .hasMessageContaining("not base64");
        // An ECDSA key presented as ed25519.
        assertThatThrownBy(() -> SshPublicKeys.hostKey("ssh-ed25519 " + ECDSA))
                .hasMessageContaining("not an ssh-ed25519 key");
        assertThatThrownBy(() -> SshPublicKeys.hostKey("ssh-ed25519")).hasMessageContaining("algorithm base64-key");
        assertThatThrownBy(() -> SshPublicKeys.hostKey("  ")).hasMessageContaining("empty");
    }

    @Test
    void authorizedKeyCommentsCannotSmuggleShellSyntax() {
        assertThat(ProxyPublicKeys.authorizedKeyLine("ssh-ed25519  " + ED25519 + "  staypuft-proxy@proxy.example"))
                .isEqualTo("ssh-ed25519 " + ED25519 + " staypuft-proxy@proxy.example");
        for (String comment : new String[]{"x'; rm -rf / #", "$(reboot)", "`id`", "a\"b", "a\\b", "a;b"}) {
            assertThatThrownBy(() -> ProxyPublicKeys.authorizedKeyLine("ssh-ed25519 " + ED25519 + " " + comment))
                    .as(comment).hasMessageContaining("comment");
        }
        // Options in front (command="...") are not an algorithm.
        assertThatThrownBy(() -> ProxyPublicKeys.authorizedKeyLine("command=\"id\" ssh-ed25519 " + ED25519))
                .hasMessageContaining("algorithm");
    }

    @Test
    void proxyKeyFileIsReadAtUseTimeSkippingCommentsAndMissingMeansNotYet(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("id_ed25519.pub");
        assertThat(ProxyPublicKeys.read(Optional.empty(), file, LITERAL)).isEmpty();

        Files.writeString(file, "# written by the puppet-runner\n\nssh-ed25519 " + ED25519 + " staypuft-proxy\n");
        assertThat(ProxyPublicKeys.read(Optional.empty(), file, LITERAL))
                .contains("ssh-ed25519 " + ED25519 + " staypuft-proxy");

        Files.writeString(file, "not a key\n");
        assertThatThrownBy(() -> ProxyPublicKeys.read(Optional.empty(), file, LITERAL))
                .isInstanceOf(ProxyKeyUnavailableException.class).hasMessageContaining(file.toString());

        // A literal key wins over the file.
        assertThat(ProxyPublicKeys.read(Optional.of("ssh-ed25519 " + ED25519), file, LITERAL))
                .contains("ssh-ed25519 " + ED25519);
    }
}
