package org.staypuft.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

/**
 * The CloudEvents attributes around a payload. On Kafka they travel as {@code ce_*} headers (binary content mode),
 * the payload as the JSON value, {@link #subject()} as the record key.
 *
 * @param deploymentId the {@code ce_deploymentid} extension: the deployment the event belongs to, or null
 */
public record EventEnvelope(
        String id,
        String source,
        EventType type,
        OffsetDateTime time,
        String subject,
        String deploymentId,
        StaypuftEvent payload) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(payload, "payload");
    }

    /** A new event with a fresh id, stamped now. */
    public static EventEnvelope wrap(String source, StaypuftEvent payload) {
        return new EventEnvelope(UUID.randomUUID().toString(), source, EventType.of(payload),
                OffsetDateTime.now(ZoneOffset.UTC), payload.aggregateId(), DeploymentIds.of(payload), payload);
    }

    public String topic() {
        return type.topic();
    }

    @SuppressWarnings("unchecked")
    public <T extends StaypuftEvent> T payloadAs(Class<T> payloadType) {
        return (T) payload;
    }
}
