package org.staypuft.registry.classification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.staypuft.events.host.HostConfigurationApplied;
import org.staypuft.events.host.HostConfigurationChanged;
import org.staypuft.kit.outbox.Outbox;
import org.staypuft.registry.inventory.Host;

/**
 * Tells the orchestrator that the classifier now answers with a configuration change. It waits for this before the
 * puppet run that depends on the change, so the agent never compiles a catalog from a stale classification.
 */
@ApplicationScoped
public class ClassificationAcknowledgement {

    @Inject
    Outbox outbox;

    /**
     * Publishes, in the transaction that applied the change, the host's configuration as the classifier now
     * answers it.
     *
     * @param causationId the {@code ce_id} of the applied HostConfigurationChanged
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applied(Host host, HostConfigurationChanged change, String causationId) {
        String deploymentId = change.deploymentId() != null ? change.deploymentId() : host.getDeploymentId();
        outbox.publish(new HostConfigurationApplied(host.getId(), deploymentId, host.getEnvironment(),
                host.getRunmode().wireName(), causationId));
    }
}
