package org.staypuft.registry.provisioning;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.host.HostKind;
import org.staypuft.events.provisioning.ProvisioningRequested;
import org.staypuft.events.provisioning.RebootCompleted;
import org.staypuft.kit.outbox.Outbox;
import org.staypuft.registry.config.RegistryConfig;
import org.staypuft.registry.inventory.Host;

/**
 * A run asks for a discovered host to be provisioned: the host goes to {@code production} in build mode, gets a fresh
 * one-time build token, and the puppet-runner is asked to reboot it into its installer through the discovery image's
 * proxy. All of it in the transaction that consumes the request.
 */
@ApplicationScoped
public class ProvisioningService {

    private static final Logger LOG = Logger.getLogger(ProvisioningService.class);

    @Inject
    BuildTokens buildTokens;

    @Inject
    BuildTokenRepository tokens;

    @Inject
    DiscoveryProxyUrls proxyUrls;

    @Inject
    RebootRequests reboots;

    @Inject
    Outbox outbox;

    @Inject
    RegistryConfig config;

    @Transactional(Transactional.TxType.MANDATORY)
    public void provision(Host host, ProvisioningRequested request, EventEnvelope event) {
        if (host.getKind() == HostKind.REGISTERED) {
            refuse(request, "host " + host.getId() + " is registered: Staypuft cannot reboot or reinstall it");
            return;
        }
        host.requestProvisioning(event.time());
        OffsetDateTime now = BuildTokens.now();
        if (event.time().plus(config.buildToken().validity()).isBefore(now)) {
            // The inventory is being rebuilt from the topic: rebooting hosts for requests long over would be harmful.
            LOG.infof("Provisioning request %s for host %s (step %s) is older than a build token lives: no token, no "
                    + "reboot", event.id(), host.getId(), request.stepId());
            return;
        }
        String proxyUrl;
        try {
            proxyUrl = proxyUrls.of(host);
        } catch (IllegalArgumentException e) {
            refuse(request, e.getMessage());
            return;
        }
        // The same step asking again keeps its earlier tokens: an installer may already be running with one.
        boolean again = tokens.issuedFor(host.getId(), request.stepId());
        tokens.revokeOtherSteps(host.getId(), request.stepId(), now);
        String token = buildTokens.issue(request, now);
        outbox.publish(reboots.of(request, proxyUrl, token));
        LOG.infof("Host %s: build token issued for step %s%s, reboot requested through %s", host.getId(),
                request.stepId(), again ? " (asked again)" : "", proxyUrl);
    }

    /**
     * Answers the reboot the orchestrator waits for at once, rather than letting it wait for hours for a reboot that
     * can never happen.
     */
    private void refuse(ProvisioningRequested request, String reason) {
        LOG.warnf("Not provisioning host %s for step %s: %s", request.hostId(), request.stepId(), reason);
        outbox.publish(new RebootCompleted(request.stepId(), request.deploymentId(), request.runId(), request.stepId(),
                request.hostId(), false, reason));
    }
}
