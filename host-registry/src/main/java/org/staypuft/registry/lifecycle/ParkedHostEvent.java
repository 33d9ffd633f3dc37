package org.staypuft.registry.lifecycle;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.staypuft.events.EventCodec;
import org.staypuft.events.EventEnvelope;
import org.staypuft.events.EventType;
import org.staypuft.events.UndecodableEventException;

/**
 * A lifecycle event about a host the inventory does not know yet, kept with all its CloudEvents attributes until
 * the host's discovered or registered event arrives; {@code seq} keeps the order they came in.
 */
@Entity
@Table(name = "parked_host_event")
public class ParkedHostEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long seq;

    @Column(name = "host_id", nullable = false)
    private String hostId;

    @Column(name = "event_id", nullable = false)
    private String eventId;

    @Column(name = "event_type", nullable = false)
    private String eventType;

    @Column(nullable = false)
    private String source;

    @Column(nullable = false)
    private String subject;

    @Column(name = "deployment_id")
    private String deploymentId;

    @Column(name = "occurred_at", nullable = false)
    private OffsetDateTime occurredAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String payload;

    @Column(name = "parked_at", nullable = false)
    private OffsetDateTime parkedAt;

    protected ParkedHostEvent() {
        // for Hibernate
    }

    static ParkedHostEvent of(EventEnvelope event, OffsetDateTime now) {
        ParkedHostEvent parked = new ParkedHostEvent();
        parked.hostId = event.payload().aggregateId();
        parked.eventId = event.id();
        parked.eventType = event.type().type();
        parked.source = event.source();
        parked.subject = event.subject();
        parked.deploymentId = event.deploymentId();
        parked.occurredAt = event.time();
        parked.payload = EventCodec.encodePayloadAsString(event.payload());
        parked.parkedAt = now;
        return parked;
    }

    /** The event as it was consumed. */
    EventEnvelope toEnvelope() {
        EventType type = EventType.fromType(eventType)
                .orElseThrow(() -> new UndecodableEventException("Parked event " + eventId + " has unknown type "
                        + eventType));
        return new EventEnvelope(eventId, source, type, occurredAt, subject, deploymentId,
                EventCodec.decodePayload(payload.getBytes(StandardCharsets.UTF_8), type.payloadType()));
    }

    public String getEventType() {
        return eventType;
    }
}
