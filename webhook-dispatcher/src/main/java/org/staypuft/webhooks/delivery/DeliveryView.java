package org.staypuft.webhooks.delivery;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A delivery as operators see it.
 *
 * @param lastStatus the receiver's HTTP status at the last attempt; null when it did not answer ({@code lastError})
 * @param nextAttemptAt when a PENDING delivery is (re)sent; null otherwise
 */
@Schema(name = "WebhookDelivery")
public record DeliveryView(UUID id, String eventId, String eventType, DeliveryState state, int attempts,
        Integer lastStatus, String lastError, OffsetDateTime lastAttemptAt, OffsetDateTime nextAttemptAt,
        OffsetDateTime deliveredAt, OffsetDateTime createdAt) {
}
