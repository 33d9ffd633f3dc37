package org.staypuft.registry.classification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.staypuft.events.deployment.RoleConfiguration;
import org.staypuft.events.host.PuppetEnvironments;
import org.staypuft.kit.proxykey.ProxyKeyUnavailableException;
import org.staypuft.kit.secrets.SealedValueException;
import org.staypuft.kit.secrets.SealedValues;
import org.staypuft.registry.deployment.DeploymentConfiguration;
import org.staypuft.registry.deployment.DeploymentConfigurationRepository;
import org.staypuft.registry.inventory.Host;
import org.staypuft.registry.inventory.HostRepository;
import org.staypuft.registry.keys.ProxyPublicKey;

/**
 * Classifies a node for Puppet from the inventory and the latest configuration of the host's deployment: its
 * environment, {@code puppet_management} with the host's runmode, the Puppet classes of its role, and parameters.
 * The environment and runmode follow the host events, so the agent's next catalog reflects the last change the
 * registry acknowledged; classes and parameters follow deployment-configured, whenever it arrives.
 * <p>
 * Parameters, later ones winning: the deployment's, then the role's. Names starting with {@value #RESERVED_PREFIX}
 * belong to the registry: any such name in the deployment's or role's parameters is dropped (the orchestrator
 * refuses them anyway), then the registry sets its own.
 */
@ApplicationScoped
public class NodeClassifier {

    /** The class of the puppet-management module ({@code puppet/modules/puppet_management}). */
    public static final String PUPPET_MANAGEMENT_CLASS = "puppet_management";
    /** Prefix of the parameters the registry sets itself. */
    public static final String RESERVED_PREFIX = "staypuft_";

    private static final Logger LOG = Logger.getLogger(NodeClassifier.class);

    @Inject
    HostRepository hosts;

    @Inject
    DeploymentConfigurationRepository configurations;

    @Inject
    ProxyPublicKey proxyKey;

    @Inject
    SealedValues sealedValues;

    /**
     * @return empty when no host has this certname
     * @throws AmbiguousCertnameException when several hosts have it as their name
     * @throws ConfigurationNotReceivedException when the host needs its role's classes and they are not known yet
     * @throws SealedValueException when a secret parameter does not open (no key, or another key)
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
        Optional<DeploymentConfiguration> deployment = Optional.ofNullable(host.getDeploymentId())
                .flatMap(configurations::findByIdOptional);
        Optional<RoleConfiguration> role = deployment.flatMap(configured -> Optional.ofNullable(host.getRole())
                .flatMap(configured::role));
        // The discovery environment has only the puppet-management module: a role class there would fail to compile.
        boolean withRoleClasses = !PuppetEnvironments.DISCOVERY.equals(host.getEnvironment());
        if (withRoleClasses && host.getDeploymentId() != null && role.isEmpty()) {
            throw notReceived(host, deployment);
        }

        Map<String, Map<String, String>> classes = new LinkedHashMap<>();
        classes.put(PUPPET_MANAGEMENT_CLASS, Map.of("runmode", host.getRunmode().wireName()));
        if (withRoleClasses) {
            role.ifPresent(configured -> configured.puppetClasses()
                    .forEach(puppetClass -> classes.putIfAbsent(puppetClass, Map.of())));
        }

        // Sorted, so the answer (and a diff of two answers) does not depend on storage order.
        Map<String, String> parameters = new TreeMap<>();
        // Secret parameters are opened here only, for the puppet server's answer; never logged.
        deployment.ifPresent(configured -> parameters.putAll(configured.getParameters()));
        deployment.ifPresent(configured -> parameters.putAll(sealedValues.unseal(
                configured.getSealedSecretParameters())));
        role.ifPresent(configured -> parameters.putAll(configured.parameters()));
        role.ifPresent(configured -> parameters.putAll(sealedValues.unseal(configured.secretParameters())));
        parameters.keySet().removeIf(name -> name.startsWith(RESERVED_PREFIX));
        putIfPresent(parameters, "staypuft_host_id", host.getId());
        putIfPresent(parameters, "staypuft_deployment", host.getDeploymentId());
        // The configuration's name is the latest (a renamed deployment); the host's came with its assignment.
        putIfPresent(parameters, "staypuft_deployment_name",
                deployment.map(DeploymentConfiguration::getDeploymentName).orElse(host.getDeploymentName()));
        putIfPresent(parameters, "staypuft_role", host.getRole());
        proxyKey().ifPresent(key -> parameters.put("staypuft_proxy_public_key", key));
        return new NodeClassification(host.getEnvironment(), classes, parameters);
    }

    private static ConfigurationNotReceivedException notReceived(Host host,
            Optional<DeploymentConfiguration> deployment) {
        String what = deployment.isEmpty()
                ? "the configuration of deployment " + host.getDeploymentId() + " has not reached the host registry"
                : "the configuration of deployment " + host.getDeploymentId() + " received so far has no role "
                        + host.getRole();
        String message = "Cannot classify host " + host.getId() + " in environment " + host.getEnvironment() + ": "
                + what + " yet; without its role's Puppet classes the catalog would be empty";
        LOG.warn(message);
        return new ConfigurationNotReceivedException(message);
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
