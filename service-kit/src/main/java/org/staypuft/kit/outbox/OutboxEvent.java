package org.staypuft.kit.outbox;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.staypuft.events.EventCodec;
import org.staypuft.events.EventEnvelope;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An event waiting to be published: one row per event, written with the state change that caused it. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "event_id", nullable = false, unique = true)
    public String eventId;

    @Column(nullable = false)
    public String topic;

    @Column(name = "record_key", nullable = false)
    public String recordKey;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(nullable = false)
    public String source;

    @Column(nullable = false)
    public String subject;

    @Column(name = "deployment_id")
    public String deploymentId;

    @Column(name = "occurred_at", nullable = false)
    public OffsetDateTime occurredAt;

    @Column(nullable = false)
    public byte[] payload;

    static OutboxEvent of(EventEnvelope envelope) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = envelope.id();
        row.topic = envelope.topic();
        row.recordKey = envelope.subject();
        row.eventType = envelope.type().type();
        row.source = envelope.source();
        row.subject = envelope.subject();
        row.deploymentId = envelope.deploymentId();
        row.occurredAt = envelope.time();
        row.payload = EventCodec.encodePayload(envelope.payload());
        return row;
    }
}
