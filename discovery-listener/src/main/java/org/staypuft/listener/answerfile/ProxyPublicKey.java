package org.staypuft.listener.answerfile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.staypuft.listener.api.RefusedException;
import org.staypuft.listener.config.ListenerConfig;
import org.staypuft.listener.facts.SshHostKeys;

/**
 * The puppet-runner's SSH public key, which the client installer puts into {@code authorized_keys}. Looked up each
 * time an answer file is made: the runner writes its key at its first start, possibly after the listener started,
 * and an operator may rotate it.
 */
@ApplicationScoped
public class ProxyPublicKey {

    static final String LITERAL_PROPERTY = "staypuft.listener.proxy-public-key";
    static final String FILE_PROPERTY = "staypuft.listener.proxy-public-key-file";

    @Inject
    ListenerConfig config;

    /**
     * @return the key as a validated {@code authorized_keys} line
     * @throws RefusedException 503 when there is no key (yet) or it is not a valid line: an answer file without
     *         it would be refused by every host
     */
    public String require() {
        if (config.proxyPublicKey().isPresent()) {
            return validated(config.proxyPublicKey().get(), LITERAL_PROPERTY);
        }
        Path file = config.proxyPublicKeyFile();
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw unavailable("The proxy public key is not available: neither " + LITERAL_PROPERTY
                    + " is set nor does " + file + " (" + FILE_PROPERTY + ") exist; the puppet-runner writes it at "
                    + "its first start");
        } catch (IOException e) {
            throw unavailable("Cannot read the proxy public key file " + file + " (" + FILE_PROPERTY + "): " + e);
        }
        return content.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .findFirst().map(line -> validated(line, file + " (" + FILE_PROPERTY + ")"))
                .orElseThrow(() -> unavailable("The proxy public key file " + file + " (" + FILE_PROPERTY
                        + ") holds no key line"));
    }

    /** The line as {@code algorithm base64 [comment]}, the key checked to be of its algorithm. */
    private static String validated(String line, String origin) {
        String[] parts = line.strip().split("\\s+", 3);
        try {
            String keyPart = SshHostKeys.fromLine(line).openSshLine();
            if (parts.length < 3) {
                return keyPart;
            }
            if (!InstallerValues.oneLine(parts[2]).equals(parts[2])) {
                throw new IllegalArgumentException("the comment holds control characters");
            }
            return keyPart + " " + parts[2];
        } catch (IllegalArgumentException e) {
            throw unavailable("The proxy public key in " + origin + " is not an authorized_keys line: "
                    + e.getMessage());
        }
    }

    private static RefusedException unavailable(String message) {
        return new RefusedException(503, null, "proxy-key-unavailable", message);
    }
}
