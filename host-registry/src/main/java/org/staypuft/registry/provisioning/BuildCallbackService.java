package org.staypuft.registry.provisioning;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.staypuft.events.host.HostBuilt;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.kit.outbox.Outbox;
import org.staypuft.registry.inventory.Host;
import org.staypuft.registry.inventory.HostRepository;

/**
 * The installed host calls back with its build token and its new SSH host keys. In one transaction: the token is
 * used up, the host leaves build mode, its keys are replaced and HostBuilt is published. Anything refused changes
 * nothing.
 */
@ApplicationScoped
public class BuildCallbackService {

    private static final Logger LOG = Logger.getLogger(BuildCallbackService.class);

    @Inject
    BuildTokens buildTokens;

    @Inject
    BuildTokenRepository tokens;

    @Inject
    HostRepository hosts;

    @Inject
    Outbox outbox;

    /**
     * @throws InvalidBuildTokenException for an unknown, expired, used or superseded token (checked first)
     * @throws InvalidCallbackException for a body that carries no valid host keys; the token stays usable
     */
    @Transactional
    public HostBuilt built(String token, String body) {
        BuildToken buildToken = buildTokens.usableForUpdate(token).orElseThrow(InvalidBuildTokenException::new);
        List<SshHostKey> keys = BuiltCallbackBody.sshHostKeys(body);
        // Locked: a host event consumed meanwhile is retried by the inbox; the installer's one call should not fail.
        Host host = hosts.findById(buildToken.getHostId(), LockModeType.PESSIMISTIC_WRITE);
        if (host == null) {
            throw new InvalidBuildTokenException();
        }
        OffsetDateTime now = BuildTokens.now();
        tokens.revokeOthers(host.getId(), buildToken.getTokenHash(), now);
        buildToken.use(now);
        host.built(keys, now);
        HostBuilt built = new HostBuilt(host.getId(), buildToken.getDeploymentId(), keys);
        outbox.publish(built);
        LOG.infof("Host %s built (step %s), %d SSH host keys", host.getId(), buildToken.getStepId(), keys.size());
        return built;
    }
}
