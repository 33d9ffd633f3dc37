package org.staypuft.registry.deployment;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.EventType;
import org.staypuft.events.UndecodableEventException;
import org.staypuft.events.deployment.DeploymentConfigured;
import org.staypuft.events.deployment.RoleConfiguration;
import org.staypuft.registry.config.SafeValues;

/**
 * Keeps the latest configuration of each deployment from deployment-configured. The events of a deployment are in
 * order on its partition and the inbox skips redeliveries, so the last one applied is the latest; it replaces the
 * previous one as a whole. A deployment's configuration may arrive before or after its hosts' assignments: the
 * classifier joins the two when Puppet asks, so the answer reflects whatever has arrived.
 */
@ApplicationScoped
public class DeploymentConfigurationService {

    private static final Logger LOG = Logger.getLogger(DeploymentConfigurationService.class);

    @Inject
    DeploymentConfigurationRepository configurations;

    /** Applies a deployment-configured; other deployment events are not ours. Runs in the inbox's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(EventEnvelope event) {
        if (event.type() != EventType.DEPLOYMENT_CONFIGURED) {
            return;
        }
        DeploymentConfigured configured = event.payloadAs(DeploymentConfigured.class);
        check(event, configured);
        DeploymentConfiguration configuration = configurations.findById(configured.deploymentId());
        if (configuration == null) {
            configuration = new DeploymentConfiguration(configured.deploymentId());
            configuration.replace(configured, event.time());
            configurations.persist(configuration);
        } else {
            configuration.replace(configured, event.time());
        }
        LOG.infof("Deployment %s (%s) configured: %d roles", configured.deploymentName(), configured.deploymentId(),
                configured.roles().size());
    }

    /**
     * What would make Puppet fail to compile, or the classifier fail to answer, is a poison message: the previous
     * configuration stays and the event goes to the dead-letter topic.
     */
    private static void check(EventEnvelope event, DeploymentConfigured configured) {
        if (configured.deploymentName() == null || configured.parameters() == null || configured.roles() == null) {
            throw refused(event, "it lacks its name, parameters or roles");
        }
        checkParameters(event, configured.parameters());
        for (RoleConfiguration role : configured.roles()) {
            if (role == null || role.name() == null || role.puppetClasses() == null || role.parameters() == null) {
                throw refused(event, "a role lacks its name, Puppet classes or parameters");
            }
            for (String puppetClass : role.puppetClasses()) {
                try {
                    SafeValues.puppetClass(puppetClass);
                } catch (IllegalArgumentException e) {
                    throw refused(event, "role " + role.name() + ": " + e.getMessage());
                }
            }
            checkParameters(event, role.parameters());
        }
    }

    private static void checkParameters(EventEnvelope event, Map<String, String> parameters) {
        parameters.forEach((name, value) -> {
            if (value == null) {
                throw refused(event, "parameter " + name + " has no value");
            }
        });
    }

    private static UndecodableEventException refused(EventEnvelope event, String why) {
        return new UndecodableEventException(
                "Event " + event.id() + " (" + event.type().type() + ") cannot be applied: " + why);
    }
}
