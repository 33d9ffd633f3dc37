package org.staypuft.kit.proxykey;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * Where a service finds the puppet-runner's (the proxy's) SSH public key. A service's {@code @ConfigMapping}
 * extends it, so the properties are {@code staypuft.<service>.proxy-public-key} and {@code ...-file}.
 */
public interface ProxyPublicKeySettings {

    /**
     * The proxy's public key as an {@code authorized_keys} line. When unset, {@link #proxyPublicKeyFile()} is read
     * each time the key is needed.
     */
    Optional<String> proxyPublicKey();

    /**
     * Where the puppet-runner's public key is: the runner writes it at its first start (in Kubernetes a mounted
     * Secret). Read at use time, so a key that appears or is rotated later is picked up without a restart. Default:
     * where the runner of the local stack writes it.
     */
    @WithDefault("${user.home}/.staypuft/puppet-runner/id_ed25519.pub")
    Path proxyPublicKeyFile();
}
