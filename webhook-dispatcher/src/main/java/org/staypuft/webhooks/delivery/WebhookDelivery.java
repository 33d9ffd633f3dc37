package org.staypuft.webhooks.delivery;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One event to one subscription. Its state and counters change only through {@link #claimed}, {@link #delivered}
 * and {@link #failed}.
 */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {

    static final int MAX_ERROR_LENGTH = 1024;

    @Id
    public UUID id;

    /** Insertion order, for a stable order among rows due at the same time. */
    @Column(insertable = false, updatable = false)
    Long seq;

    @Column(name = "subscription_id")
    public UUID subscriptionId;

    @Column(name = "event_id")
    public String eventId;

    @Column(name = "event_type")
    public String eventType;

    @Enumerated(EnumType.STRING)
    DeliveryState state;

    int attempts;

    @Column(name = "next_attempt_at")
    OffsetDateTime nextAttemptAt;

    @Column(name = "last_attempt_at")
    OffsetDateTime lastAttemptAt;

    @Column(name = "last_status")
    Integer lastStatus;

    @Column(name = "last_error")
    String lastError;

    @Column(name = "delivered_at")
    OffsetDateTime deliveredAt;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    static WebhookDelivery pending(UUID subscriptionId, String eventId, String eventType, OffsetDateTime now) {
        WebhookDelivery delivery = new WebhookDelivery();
        delivery.id = UUID.randomUUID();
        delivery.subscriptionId = subscriptionId;
        delivery.eventId = eventId;
        delivery.eventType = eventType;
        delivery.state = DeliveryState.PENDING;
        delivery.attempts = 0;
        delivery.nextAttemptAt = now;
        delivery.createdAt = now;
        return delivery;
    }

    /** A worker sends it now: nobody else takes it before {@code lease} ends (then it is due again). */
    void claimed(OffsetDateTime now, Duration lease) {
        nextAttemptAt = now.plus(lease);
    }

    void delivered(int status, OffsetDateTime now) {
        attempted(status, null, now);
        state = DeliveryState.DELIVERED;
        deliveredAt = now;
    }

    /** A failed attempt: retried at {@code retryAt}, or dead when that was the last allowed attempt. */
    void failed(Integer status, String error, OffsetDateTime now, int maxAttempts, OffsetDateTime retryAt) {
        attempted(status, error, now);
        if (attempts >= maxAttempts) {
            state = DeliveryState.DEAD;
        } else {
            nextAttemptAt = retryAt;
        }
    }

    private void attempted(Integer status, String error, OffsetDateTime now) {
        attempts++;
        lastAttemptAt = now;
        lastStatus = status;
        lastError = error == null || error.length() <= MAX_ERROR_LENGTH
                ? error
                : error.substring(0, MAX_ERROR_LENGTH);
    }

    boolean isPending() {
        return state == DeliveryState.PENDING;
    }

    int attempts() {
        return attempts;
    }

    DeliveryView view() {
        return new DeliveryView(id, eventId, eventType, state, attempts, lastStatus, lastError, lastAttemptAt,
                state == DeliveryState.PENDING ? nextAttemptAt : null, deliveredAt, createdAt);
    }
}
