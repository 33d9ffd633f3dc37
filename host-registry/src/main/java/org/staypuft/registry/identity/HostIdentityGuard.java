package org.staypuft.registry.identity;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.host.HostIdentityConflict;
import org.staypuft.events.host.HostIdentityRule;
import org.staypuft.events.host.HostIdentityRule.Identity;
import org.staypuft.events.host.HostIdentityRule.Source;
import org.staypuft.events.host.HostIdentityRule.Standing;
import org.staypuft.events.host.HostIdentityRule.Verdict;
import org.staypuft.events.host.HostKind;
import org.staypuft.events.host.HostSnapshot;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.kit.outbox.Outbox;
import org.staypuft.registry.inventory.Host;
import org.staypuft.registry.inventory.SshHostKeySource;

/**
 * The registry's side of {@link HostIdentityRule}: before a facts upload (host.discovered again,
 * host.facts-updated) touches a known host, the rule decides with what the registry knows (kind, deployment, key
 * provenance). A refused claim changes nothing, is published as {@code host.identity-conflict} and recorded for
 * {@code GET /api/v1/hosts/{id}}; the listener's conflicts (a registered host's MAC) are recorded when consumed.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class HostIdentityGuard {

    private static final Logger LOG = Logger.getLogger(HostIdentityGuard.class);

    @Inject
    Outbox outbox;

    @Inject
    IdentityConflictRepository conflicts;

    /**
     * @return true when the claim may be applied; false when it was refused (published and recorded)
     */
    public boolean admit(Host host, Source source, HostKind claimedKind, HostSnapshot claimed) {
        Standing standing = new Standing(host.getKind(), host.getDeploymentId() != null,
                host.getBuiltAt() != null || host.getSshHostKeysSource() == SshHostKeySource.BUILD_CALLBACK);
        Identity current = new Identity(host.getKind(), host.address(), host.getSshHostKeys());
        Verdict verdict = HostIdentityRule.judge(source, standing, current, Identity.of(claimedKind, claimed));
        if (verdict.accepted()) {
            return true;
        }
        List<SshHostKey> keys = claimed.sshHostKeys() == null ? List.of() : claimed.sshHostKeys();
        HostIdentityConflict conflict = new HostIdentityConflict(host.getId(), source.wireName(),
                verdict.conflictingAttributes(), claimedKind.name().toLowerCase(Locale.ROOT),
                HostIdentityRule.addressOf(claimed), keys.subList(0, Math.min(keys.size(),
                        HostIdentityConflict.MAX_KEYS)),
                verdict.reason(source));
        EventEnvelope published = outbox.publish(conflict);
        conflicts.persist(IdentityConflict.of(published, conflict));
        LOG.warnf("Host %s: refused %s (%s)", host.getId(), verdict.conflictingAttributes(), conflict.reason());
        return false;
    }

    /** A conflict another service (or this one) published; each event recorded once. */
    public void record(EventEnvelope event) {
        if (conflicts.findById(event.id()) == null) {
            conflicts.persist(IdentityConflict.of(event, event.payloadAs(HostIdentityConflict.class)));
        }
    }
}
