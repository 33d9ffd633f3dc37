package org.staypuft.listener.host;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.staypuft.events.EventCodec;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.UndecodableEventException;
import org.staypuft.events.host.HostAssigned;
import org.staypuft.events.host.HostIdentityChanged;
import org.staypuft.events.host.HostKind;
import org.staypuft.events.host.HostSnapshot;
import org.staypuft.events.host.HostUnassigned;
import org.staypuft.listener.host.persistence.KnownHost;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * What the listener learns from the host topic, in the inbox's transaction that records the event id: that a host
 * was built ({@code host.built}: a registration token no longer vouches for it), and what an operator decided about
 * a host's identity ({@code host.identity-changed}: its kind, address and keys, against which uploads and
 * registrations are judged from now on), and whether a host is free ({@code host.assigned}, {@code host.unassigned}:
 * the cap on discovered hosts counts the free ones). Everything else on the topic is not the listener's business.
 */
@ApplicationScoped
public class HostEventsService {

    private static final Logger LOG = Logger.getLogger(HostEventsService.class);

    @Inject
    EntityManager entityManager;

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(EventEnvelope event) {
        switch (event.type()) {
            case HOST_BUILT -> {
                KnownHost host = host(event);
                if (host != null) {
                    host.recordBuilt(event.time());
                    LOG.infof("Host %s was built: registering its MAC again needs an operator", host.id);
                }
            }
            case HOST_IDENTITY_CHANGED -> operatorIdentity(event, event.payloadAs(HostIdentityChanged.class));
            case HOST_ASSIGNED -> {
                KnownHost host = host(event);
                if (host != null) {
                    host.recordAssigned(event.payloadAs(HostAssigned.class).deploymentId());
                }
            }
            case HOST_UNASSIGNED -> {
                KnownHost host = host(event);
                if (host != null) {
                    host.recordUnassigned(event.payloadAs(HostUnassigned.class).deploymentId());
                }
            }
            default -> {
                // not the listener's business
            }
        }
    }

    private void operatorIdentity(EventEnvelope event, HostIdentityChanged changed) {
        HostKind kind = Arrays.stream(HostKind.values())
                .filter(candidate -> candidate.name().equalsIgnoreCase(changed.kind())).findFirst()
                .orElseThrow(() -> new UndecodableEventException("Event " + event.id() + " (host.identity-changed of "
                        + changed.hostId() + ") names kind '" + changed.kind()
                        + "', neither discovered nor registered"));
        KnownHost host = host(event);
        if (host == null) {
            return;
        }
        HostSnapshot current = read(host.snapshot);
        boolean ipv6 = changed.address() != null && changed.address().indexOf(':') >= 0;
        HostSnapshot decided = new HostSnapshot(current.name(), current.mac(),
                changed.address() == null || ipv6 ? null : changed.address(),
                ipv6 ? changed.address() : changed.address() == null ? null : current.ipv6(),
                current.interfaces(), current.hardware(), changed.sshHostKeys(), current.discoveryImageVersion());
        host.recordOperatorIdentity(kind, write(decided), OffsetDateTime.now(ZoneOffset.UTC));
        LOG.infof("Host %s: identity set by %s (%s)", host.id, changed.source(), changed.reason());
    }

    /** The host, locked against a concurrent upload; null (ignored) when the listener never saw it. */
    private KnownHost host(EventEnvelope event) {
        String hostId = event.payload().aggregateId();
        KnownHost host = entityManager.find(KnownHost.class, hostId, LockModeType.PESSIMISTIC_WRITE);
        if (host == null) {
            LOG.infof("Ignoring %s %s: host %s is unknown here", event.type().type(), event.id(), hostId);
        }
        return host;
    }

    private static HostSnapshot read(String json) {
        try {
            return EventCodec.mapper().readValue(json, HostSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored snapshot is unreadable", e);
        }
    }

    private static String write(HostSnapshot snapshot) {
        try {
            return EventCodec.mapper().writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the snapshot", e);
        }
    }
}
