package org.staypuft.kit.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.staypuft.events.EventEnvelope;
import org.staypuft.events.StaypuftEvent;
import org.staypuft.kit.config.KitConfig;

/**
 * Publishes events the only safe way: as rows in the caller's transaction. They reach Kafka after the commit, by
 * the {@link OutboxRelay}, or never if the transaction rolls back.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    KitConfig config;

    @Inject
    Event<OutboxWritten> written;

    /** Records the event in the current transaction; there must be one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope publish(StaypuftEvent payload) {
        EventEnvelope envelope = EventEnvelope.wrap(config.eventSource(), payload);
        OutboxEvent.of(envelope).persist();
        written.fire(OutboxWritten.INSTANCE);
        return envelope;
    }

    /** Fired inside the writing transaction; the relay observes it after a successful commit. */
    public enum OutboxWritten {
        INSTANCE
    }
}
