package org.staypuft.kit.outbox;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An outbox row Kafka refused for good, with the broker's reason. The relay moves it here so that the rows behind it
 * flow; an operator who fixed the cause (a topic's {@code max.message.bytes}, an ACL, a missing topic) moves it back
 * ({@code docs/operations.md}).
 */
@Entity
@Table(name = "outbox_parked")
public class OutboxParked extends PanacheEntityBase {

    @Id
    public Long seq;

    @Column(name = "event_id", nullable = false)
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

    @Column(nullable = false)
    public String reason;

    @Column(name = "parked_at", nullable = false)
    public OffsetDateTime parkedAt;

    static OutboxParked of(OutboxEvent row, String reason) {
        OutboxParked parked = new OutboxParked();
        parked.seq = row.seq;
        parked.eventId = row.eventId;
        parked.topic = row.topic;
        parked.recordKey = row.recordKey;
        parked.eventType = row.eventType;
        parked.source = row.source;
        parked.subject = row.subject;
        parked.deploymentId = row.deploymentId;
        parked.occurredAt = row.occurredAt;
        parked.payload = row.payload;
        parked.reason = reason.length() > 2000 ? reason.substring(0, 2000) : reason;
        parked.parkedAt = OffsetDateTime.now();
        return parked;
    }
}
