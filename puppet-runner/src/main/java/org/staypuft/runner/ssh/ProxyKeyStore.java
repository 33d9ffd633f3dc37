package org.staypuft.runner.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.jboss.logging.Logger;
import org.staypuft.runner.config.ProxyKeyType;
import org.staypuft.runner.config.RunnerConfig;

import io.quarkus.runtime.Startup;

/**
 * The proxy's own SSH key pair: loaded from {@code staypuft.runner.ssh.key-path}, or generated there on first start.
 * ed25519 by default; an RSA key found there is used as it is.
 */
@Startup
@ApplicationScoped
public class ProxyKeyStore {

    private static final Logger LOG = Logger.getLogger(ProxyKeyStore.class);

    @Inject
    RunnerConfig config;

    private KeyPair keyPair;
    private String authorizedKeysLine;

    @PostConstruct
    void loadOrGenerate() {
        Path path = config.ssh().keyPath().toAbsolutePath();
        try {
            if (!Files.exists(path)
                    && ProxyKeyFiles.generate(path, config.ssh().keyType(), config.ssh().keyComment())) {
                LOG.infof("Generated a new %s proxy key at %s", config.ssh().keyType().sshName(), path);
            }
            if (ProxyKeyFiles.tooOpen(path)) {
                LOG.warnf("The proxy key %s can be read by others; it should be mode 0600", path);
            }
            keyPair = ProxyKeyFiles.load(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load or create the proxy key at " + path, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load or create the proxy key at " + path, e);
        }
        String type = KeyUtils.getKeyType(keyPair);
        if (!ProxyKeyType.ED25519.sshName().equals(type) && !ProxyKeyType.RSA.sshName().equals(type)) {
            throw new IllegalStateException("The proxy key at " + path + " is " + type + "; use ed25519 or RSA");
        }
        authorizedKeysLine = ProxyKeyFiles.authorizedKeysLine(keyPair, config.ssh().keyComment());
        LOG.infof("Proxy SSH key %s (%s) from %s", KeyUtils.getFingerPrint(keyPair.getPublic()), type, path);
    }

    /** The key pair the runner authenticates with. */
    public KeyPair keyPair() {
        return keyPair;
    }

    /** The public key as an {@code authorized_keys} line, e.g. {@code ssh-ed25519 AAAA... staypuft-puppet-runner}. */
    public String authorizedKeysLine() {
        return authorizedKeysLine;
    }
}
