package org.staypuft.registry.classification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.staypuft.registry.config.RegistryConfig;
import org.staypuft.registry.inventory.Host;
import org.staypuft.registry.inventory.HostRepository;
import org.staypuft.registry.keys.ProxyKeyUnavailableException;
import org.staypuft.registry.keys.ProxyPublicKey;

/**
 * Classifies a node for Puppet from the inventory: its environment, {@code puppet_management} with the host's runmode,
 * the classes of its role, and the deployment's facts about it as parameters. The environment and runmode follow the
 * host events, so the agent's next catalog reflects the last change the registry acknowledged.
 */
@ApplicationScoped
public class NodeClassifier {

    /** The class of the puppet-management module ({@code puppet/modules/puppet_management}). */
    public static final String PUPPET_MANAGEMENT_CLASS = "puppet_management";

    private static final Logger LOG = Logger.getLogger(NodeClassifier.class);

    @Inject
    HostRepository hosts;

    @Inject
    RegistryConfig config;

    @Inject
    ProxyPublicKey proxyKey;

    /**
     * @return empty when no host has this certname
     * @throws AmbiguousCertnameException when several hosts have it as their name
     */
    @Transactional
    public Optional<NodeClassification> classify(String certname) {
        List<Host> found = hosts.byCertname(certname);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (found.size() > 1) {
            throw new AmbiguousCertnameException(certname, found.stream().map(Host::getId).toList());
        }
        return Optional.of(classify(found.get(0)));
    }

    private NodeClassification classify(Host host) {
        Map<String, Map<String, String>> classes = new LinkedHashMap<>();
        classes.put(PUPPET_MANAGEMENT_CLASS, Map.of("runmode", host.getRunmode().wireName()));
        // The discovery environment has only the puppet-management module: a role class there would fail to compile.
        if (!Host.DISCOVERY_ENVIRONMENT.equals(host.getEnvironment()) && host.getRole() != null) {
            config.enc().roleClasses().getOrDefault(host.getRole(), List.of())
                    .forEach(roleClass -> classes.putIfAbsent(roleClass.strip(), Map.of()));
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        putIfPresent(parameters, "staypuft_host_id", host.getId());
        putIfPresent(parameters, "staypuft_deployment", host.getDeploymentId());
        putIfPresent(parameters, "staypuft_deployment_name", host.getDeploymentName());
        putIfPresent(parameters, "staypuft_role", host.getRole());
        proxyKey().ifPresent(key -> parameters.put("staypuft_proxy_public_key", key));
        return new NodeClassification(host.getEnvironment(), classes, parameters);
    }

    /** A missing or broken key must not stop Puppet from classifying nodes: it is left out, loudly. */
    private Optional<String> proxyKey() {
        try {
            Optional<String> key = proxyKey.current();
            if (key.isEmpty()) {
                LOG.warn("No proxy public key available yet; staypuft_proxy_public_key is left out");
            }
            return key;
        } catch (ProxyKeyUnavailableException e) {
            LOG.warn(e.getMessage() + "; staypuft_proxy_public_key is left out");
            return Optional.empty();
        }
    }

    private static void putIfPresent(Map<String, String> parameters, String name, String value) {
        if (value != null && !value.isBlank()) {
            parameters.put(name, value);
        }
    }
}
