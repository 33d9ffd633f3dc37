package org.staypuft.registry.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.staypuft.registry.config.RegistryConfig;

/**
 * The puppet-runner's SSH public key, which provisioned hosts put into {@code authorized_keys} and the node
 * classifier hands to Puppet. Looked up each time it is needed: the runner creates its key at first start, possibly
 * after the registry started, and an operator may rotate it.
 */
@ApplicationScoped
public class ProxyPublicKey {

    @Inject
    RegistryConfig config;

    /**
     * @return the validated {@code authorized_keys} line; empty when no key is configured and the key file does not
     *         exist (yet)
     * @throws ProxyKeyUnavailableException when the configured key or the file's content is not a valid line
     */
    public Optional<String> current() {
        return read(config.proxyPublicKey(), config.proxyPublicKeyFile());
    }

    /** The literal key when given, else the first line of the file that is neither empty nor a comment. */
    static Optional<String> read(Optional<String> literal, Path file) {
        if (literal.isPresent()) {
            return Optional.of(validated(literal.get(), "staypuft.registry.proxy-public-key"));
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

    /** Like {@link #current()}, for where there is no use going on without the key. */
    public String require() {
        return current().orElseThrow(() -> new ProxyKeyUnavailableException("The proxy public key is not available: "
                + "neither staypuft.registry.proxy-public-key is set nor does " + config.proxyPublicKeyFile()
                + " exist (the puppet-runner writes it at its first start)"));
    }

    private static String validated(String line, String origin) {
        try {
            return SshPublicKeys.authorizedKeyLine(line);
        } catch (IllegalArgumentException e) {
            throw new ProxyKeyUnavailableException("The key in " + origin + " " + e.getMessage());
        }
    }
}
