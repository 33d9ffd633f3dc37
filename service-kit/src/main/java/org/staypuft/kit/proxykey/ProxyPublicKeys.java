package org.staypuft.kit.proxykey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

import org.staypuft.events.host.SshPublicKeys;

/**
 * Looks up the puppet-runner's SSH public key, which hosts put into {@code authorized_keys}: the configured literal
 * key, else the first line of the key file that is neither empty nor a comment. Looked up each time it is needed:
 * the runner creates its key at first start, possibly after the service started, and an operator may rotate it.
 */
public final class ProxyPublicKeys {

    /** Words of letters, digits and {@code @ . _ : + = / -}: enough for user@host, nothing a shell expands. */
    private static final Pattern COMMENT = Pattern.compile("[A-Za-z0-9@._:+=/-]+( [A-Za-z0-9@._:+=/-]+)*");

    private ProxyPublicKeys() {
    }

    /**
     * @param literalProperty the property name of the literal key, for messages ({@code staypuft.registry.proxy-public-key})
     * @return the validated {@code authorized_keys} line; empty when no key is configured and the file does not exist
     *         (yet) or holds no key line
     * @throws ProxyKeyUnavailableException when the file cannot be read or what is there is not a valid line
     */
    public static Optional<String> read(ProxyPublicKeySettings settings, String literalProperty) {
        return read(settings.proxyPublicKey(), settings.proxyPublicKeyFile(), literalProperty);
    }

    /** {@link #read(ProxyPublicKeySettings, String)} with the settings' two values. */
    public static Optional<String> read(Optional<String> literal, Path file, String literalProperty) {
        if (literal.isPresent()) {
            return Optional.of(validated(literal.get(), literalProperty));
        }
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ProxyKeyUnavailableException("Cannot read the proxy public key file " + file + ": " + e);
        }
        return content.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .findFirst().map(line -> validated(line, "the proxy public key file " + file));
    }

    /**
     * An {@code authorized_keys} line without options, the key checked by the one strict parser, returned with
     * single spaces; its comment may hold nothing a shell would interpret (it is written into scripts).
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static String authorizedKeyLine(String line) {
        SshPublicKeys.KeyLine parsed = SshPublicKeys.parse(line);
        String comment = parsed.comment();
        if (comment == null) {
            return parsed.key().openSshLine();
        }
        if (!COMMENT.matcher(comment).matches()) {
            throw new IllegalArgumentException("the comment holds characters other than letters, digits, spaces "
                    + "and @ . _ : + = / -");
        }
        return parsed.key().openSshLine() + " " + comment;
    }

    private static String validated(String line, String origin) {
        try {
            return authorizedKeyLine(line);
        } catch (IllegalArgumentException e) {
            throw new ProxyKeyUnavailableException("The key in " + origin + " is not an authorized_keys line: "
                    + e.getMessage());
        }
    }
}
