package org.staypuft.registry.facts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.staypuft.events.EventCodec;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.EventType;
import org.staypuft.events.UndecodableEventException;
import org.staypuft.events.host.HostFactsRecorded;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Keeps the latest raw facts of each host from the facts topic. */
@ApplicationScoped
public class HostFactsService {

    @Inject
    HostFactsRepository facts;

    /** Stores the facts of a {@link HostFactsRecorded}; runs in the inbox's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(EventEnvelope event) {
        if (event.type() != EventType.HOST_FACTS_RECORDED) {
            return;
        }
        HostFactsRecorded recorded = event.payloadAs(HostFactsRecorded.class);
        if (recorded.facts() == null) {
            throw new UndecodableEventException("host.facts-recorded " + event.id() + " carries no facts");
        }
        HostFacts row = facts.findById(recorded.hostId());
        if (row == null) {
            row = new HostFacts(recorded.hostId());
            row.replace(recorded.factsDigest(), json(recorded), event.time());
            facts.persist(row);
        } else {
            row.replace(recorded.factsDigest(), json(recorded), event.time());
        }
    }

    private static String json(HostFactsRecorded recorded) {
        try {
            return EventCodec.mapper().writeValueAsString(recorded.facts());
        } catch (JsonProcessingException e) {
            throw new UndecodableEventException("Facts of " + recorded.hostId() + " cannot be written as JSON", e);
        }
    }
}
