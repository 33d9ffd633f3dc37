package org.staypuft.listener.host;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.staypuft.events.EventCodec;
import org.staypuft.events.StaypuftEvent;
import org.staypuft.events.host.HostDiscovered;
import org.staypuft.events.host.HostFactsRecorded;
import org.staypuft.events.host.HostFactsUpdated;
import org.staypuft.events.host.HostIdentityConflict;
import org.staypuft.events.host.HostIdentityRule;
import org.staypuft.events.host.HostIdentityRule.Identity;
import org.staypuft.events.host.HostIdentityRule.Source;
import org.staypuft.events.host.HostIdentityRule.Standing;
import org.staypuft.events.host.HostIdentityRule.Verdict;
import org.staypuft.events.host.HostKind;
import org.staypuft.events.host.HostRegistered;
import org.staypuft.events.host.HostSnapshot;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.kit.outbox.Outbox;
import org.staypuft.listener.config.ListenerConfig;
import org.staypuft.listener.facts.FactsDigest;
import org.staypuft.listener.facts.HostIds;
import org.staypuft.listener.host.persistence.KnownHost;
import org.staypuft.listener.request.RefusedException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one place that decides what a host's arrival means and publishes it, in the transaction that records it:
 * a new host gets its arrival event (discovered or registered); changed content a facts-updated event for a
 * discovered host and the registered event again for a registration (authenticated, so its keys count); the same
 * content again nothing at all. Raw facts go to the compacted facts topic whenever they change.
 * <p>
 * A discovery upload is unauthenticated: for a host the listener knows as registered, one that claims another
 * identity (kind, address, SSH host keys) changes nothing and publishes {@code host.identity-conflict}
 * ({@link HostIdentityRule}; the listener knows only a host's kind, the registry and the orchestrator apply the same
 * rule to hosts in a deployment or built).
 */
@ApplicationScoped
public class HostIntakeService {

    /** The contract allows at most this many names in {@link HostFactsUpdated#changedFacts()}. */
    static final int MAX_CHANGED_FACTS = 100;
    private static final int MAX_FACT_NAME = 128;
    /** Digest of the empty facts object: what a registered host that stopped sending facts has recorded. */
    static final String EMPTY_FACTS_DIGEST = FactsDigest.of(JsonNodeFactory.instance.objectNode());

    @Inject
    Outbox outbox;

    @Inject
    EntityManager entityManager;

    @Inject
    ListenerConfig config;

    @Transactional
    public IntakeResult take(HostArrival arrival) {
        String hostId = HostIds.of(arrival.mac());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        HostEvent arrivalEvent = arrivalEvent(hostId, arrival, arrival.factsDigest());
        if (arrival.kind() == HostKind.DISCOVERED) {
            refuseBeyondTheCap(hostId);
        }
        if (insertIfAbsent(hostId, arrival, arrivalEvent.host(), now)) {
            if (arrival.facts() != null) {
                outbox.publish(new HostFactsRecorded(hostId, arrival.factsDigest(), arrival.facts()));
            }
            outbox.publish(arrivalEvent.event());
            return new IntakeResult(hostId, arrivalEvent.host(), IntakeOutcome.CREATED, null);
        }

        // Someone created it, maybe a moment ago: wait for their commit, then work on the row alone.
        KnownHost host = entityManager.find(KnownHost.class, hostId, LockModeType.PESSIMISTIC_WRITE);
        if (host == null) {
            throw new IllegalStateException("Host " + hostId + " neither inserted nor found");
        }
        if (host.kind() == arrival.kind() && host.contentDigest.equals(arrival.contentDigest())) {
            return new IntakeResult(hostId, readSnapshot(host), IntakeOutcome.UNCHANGED, null);
        }
        if (arrival.kind() == HostKind.REGISTERED && host.built()) {
            IntakeResult refused = refuseRegistrationOfBuiltHost(hostId, host, arrival);
            if (refused != null) {
                return refused;
            }
        }
        if (arrival.kind() == HostKind.DISCOVERED) {
            HostSnapshot current = readSnapshot(host);
            Verdict verdict = HostIdentityRule.judge(Source.DISCOVERY_UPLOAD, new Standing(host.kind(), false, false),
                    Identity.of(host.kind(), current), Identity.of(arrival.kind(), arrival.snapshot()));
            if (!verdict.accepted()) {
                outbox.publish(conflict(hostId, arrival, verdict));
                return new IntakeResult(hostId, current, IntakeOutcome.CONFLICT,
                        verdict.reason(Source.DISCOVERY_UPLOAD));
            }
        }
        String factsDigest = recordFactsIfChanged(hostId, host.factsDigest, arrival.facts(), arrival.factsDigest());
        boolean kindChanged = host.kind() != arrival.kind();
        HostEvent published;
        if (kindChanged || arrival.kind() == HostKind.REGISTERED) {
            // A registered host that now boots the discovery image (or the reverse) arrives anew as that kind.
            // A registration is authenticated by its token: it arrives anew too, so the registry takes its SSH host
            // keys, which it must not take from a facts update (anyone can upload facts).
            published = arrivalEvent(hostId, arrival, factsDigest);
        } else {
            List<String> changed = changedParts(readDigests(host.partDigests), arrival.partDigests());
            String digestForEvent = factsDigest != null ? factsDigest : EMPTY_FACTS_DIGEST;
            HostFactsUpdated updated = EventSizeLimit.fit(arrival.snapshot(),
                    snapshot -> new HostFactsUpdated(hostId, snapshot, digestForEvent, changed));
            published = new HostEvent(updated, updated.host());
        }
        outbox.publish(published.event());
        host.recordArrival(arrival.kind(), arrival.snapshot().name(), arrival.contentDigest(), factsDigest,
                writeJson(arrival.partDigests()), writeJson(published.host()), now);
        return new IntakeResult(hostId, published.host(), kindChanged ? IntakeOutcome.CREATED : IntakeOutcome.UPDATED,
                null);
    }

    /**
     * A registration of a host that was built ({@code host.built}): no registration token is bound to such a host
     * (its keys came with its build callback), so a registration vouches for nothing it has. One that would change
     * its kind, address or keys changes nothing and publishes {@code host.identity-conflict}; an operator decides
     * (converts the host to registered, or accepts the claim). Called before the token is bound to the host, and again
     * in {@link #take} under the host's row lock.
     *
     * @return the refusal (the conflict published in this transaction), or null when the registration may go on
     */
    @Transactional
    public IntakeResult refuseRegistrationOfBuiltHost(HostArrival arrival) {
        String hostId = HostIds.of(arrival.mac());
        KnownHost host = entityManager.find(KnownHost.class, hostId, LockModeType.PESSIMISTIC_WRITE);
        if (host == null || !host.built() || arrival.kind() != HostKind.REGISTERED) {
            return null;
        }
        return refuseRegistrationOfBuiltHost(hostId, host, arrival);
    }

    private IntakeResult refuseRegistrationOfBuiltHost(String hostId, KnownHost host, HostArrival arrival) {
        HostSnapshot current = readSnapshot(host);
        Verdict verdict = HostIdentityRule.judgeUnvouched(new Standing(host.kind(), false, true),
                Identity.of(host.kind(), current), Identity.of(arrival.kind(), arrival.snapshot()));
        if (verdict.accepted()) {
            return null;
        }
        outbox.publish(conflict(hostId, arrival, verdict, Source.REGISTRATION));
        return new IntakeResult(hostId, current, IntakeOutcome.CONFLICT, verdict.reason(Source.REGISTRATION)
                + " (host " + hostId + " was built: convert it to registered or accept the claim as an operator)");
    }

    private static HostIdentityConflict conflict(String hostId, HostArrival arrival, Verdict verdict) {
        return conflict(hostId, arrival, verdict, Source.DISCOVERY_UPLOAD);
    }

    private static HostIdentityConflict conflict(String hostId, HostArrival arrival, Verdict verdict,
            Source source) {
        List<SshHostKey> keys = arrival.snapshot().sshHostKeys() == null ? List.of() : arrival.snapshot().sshHostKeys();
        return new HostIdentityConflict(hostId, source.wireName(), verdict.conflictingAttributes(),
                arrival.kind().name().toLowerCase(java.util.Locale.ROOT),
                HostIdentityRule.addressOf(arrival.snapshot()),
                keys.subList(0, Math.min(keys.size(), HostIdentityConflict.MAX_KEYS)),
                verdict.reason(source));
    }

    /** HostDiscovered or HostRegistered, small enough to publish. */
    private static HostEvent arrivalEvent(String hostId, HostArrival arrival, String factsDigest) {
        if (arrival.kind() == HostKind.DISCOVERED) {
            HostDiscovered discovered = EventSizeLimit.fit(arrival.snapshot(),
                    snapshot -> new HostDiscovered(hostId, snapshot, factsDigest));
            return new HostEvent(discovered, discovered.host());
        }
        HostRegistered registered = EventSizeLimit.fit(arrival.snapshot(),
                snapshot -> new HostRegistered(hostId, snapshot, factsDigest, arrival.ssh()));
        return new HostEvent(registered, registered.host());
    }

    /**
     * Publishes the raw facts when they differ from the recorded ones. A registered host that stops sending facts
     * gets the empty object recorded, so the compacted topic does not keep serving its old facts.
     *
     * @return the digest of the facts now recorded, null when the host never sent any
     */
    private String recordFactsIfChanged(String hostId, String recordedDigest, ObjectNode facts, String digest) {
        ObjectNode toRecord = facts;
        String toRecordDigest = digest;
        if (facts == null) {
            if (recordedDigest == null) {
                return null;
            }
            toRecord = JsonNodeFactory.instance.objectNode();
            toRecordDigest = EMPTY_FACTS_DIGEST;
        }
        if (!toRecordDigest.equals(recordedDigest)) {
            outbox.publish(new HostFactsRecorded(hostId, toRecordDigest, toRecord));
        }
        return toRecordDigest;
    }

    /**
     * Inserts the row unless the host exists. With ON CONFLICT, a concurrent first upload of the same MAC waits for
     * the other transaction and then finds the row: exactly one of them creates the host.
     */
    /**
     * A new discovered host beyond {@code staypuft.listener.intake.max-discovered-hosts} free ones (neither assigned
     * to a deployment nor built) is refused (429), before anything is written: each new MAC costs a row, its facts
     * and two events. Known hosts still update. Replicas taking first uploads at the same moment may each pass at
     * the cap: it can be exceeded by the number of such concurrent uploads, not more.
     */
    private void refuseBeyondTheCap(String hostId) {
        int cap = config.intake().maxDiscoveredHosts();
        long discovered = ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM known_host WHERE kind = 'DISCOVERED' AND assigned_to IS NULL "
                        + "AND built_at IS NULL")
                .getSingleResult()).longValue();
        if (discovered < cap) {
            return;
        }
        boolean known = ((Number) entityManager.createNativeQuery("SELECT count(*) FROM known_host WHERE id = :id")
                .setParameter("id", hostId).getSingleResult()).longValue() > 0;
        if (!known) {
            throw new RefusedException(429, "facts", "discovered-hosts-cap", "the listener already keeps "
                    + discovered
                    + " free discovered hosts (neither assigned nor built), its cap (staypuft.listener.intake.max-discovered-hosts = "
                    + cap + "): a new host is not taken until hosts are registered, deployed or forgotten. Nothing "
                    + "was recorded.");
        }
    }

    private boolean insertIfAbsent(String hostId, HostArrival arrival, HostSnapshot snapshot, OffsetDateTime now) {
        return entityManager.createNativeQuery("""
                INSERT INTO known_host (id, mac, kind, name, content_digest, facts_digest, part_digests, snapshot,
                                        first_seen_at, updated_at)
                VALUES (:id, :mac, :kind, :name, :contentDigest, :factsDigest, CAST(:partDigests AS jsonb),
                        CAST(:snapshot AS jsonb), :now, :now)
                ON CONFLICT DO NOTHING""")
                .setParameter("id", hostId)
                .setParameter("mac", arrival.mac().value())
                .setParameter("kind", arrival.kind().name())
                .setParameter("name", arrival.snapshot().name())
                .setParameter("contentDigest", arrival.contentDigest())
                .setParameter("factsDigest", arrival.factsDigest())
                .setParameter("partDigests", writeJson(arrival.partDigests()))
                .setParameter("snapshot", writeJson(snapshot))
                .setParameter("now", now)
                .executeUpdate() == 1;
    }

    /** Names whose digest differs, appeared or disappeared, sorted; at most {@value #MAX_CHANGED_FACTS}. */
    static List<String> changedParts(Map<String, String> before, Map<String, String> after) {
        TreeSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            if (!Objects.equals(before.get(name), after.get(name))) {
                changed.add(name.length() <= MAX_FACT_NAME ? name : name.substring(0, MAX_FACT_NAME));
                if (changed.size() == MAX_CHANGED_FACTS) {
                    break;
                }
            }
        }
        return changed;
    }

    private static HostSnapshot readSnapshot(KnownHost host) {
        try {
            return EventCodec.mapper().readValue(host.snapshot, HostSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored snapshot of " + host.id + " is unreadable", e);
        }
    }

    private static Map<String, String> readDigests(String json) {
        try {
            return EventCodec.mapper().readValue(json, new TypeReference<Map<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored fact digests are unreadable", e);
        }
    }

    private static String writeJson(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    /** An event about to be published and the snapshot it carries. */
    private record HostEvent(StaypuftEvent event, HostSnapshot host) {
    }
}
