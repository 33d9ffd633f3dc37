package org.staypuft.webhooks.subscription;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a creation: the only answer that ever carries the secret. */
@Schema(name = "CreatedWebhook")
public record CreatedWebhook(UUID id, String url, List<String> eventTypes, String deploymentId, boolean enabled,
        String createdBy, OffsetDateTime createdAt,
        @Schema(description = "The HMAC-SHA256 key of Staypuft-Signature; shown in this answer only") String secret) {

    static CreatedWebhook of(WebhookSubscription subscription) {
        return new CreatedWebhook(subscription.id, subscription.url, subscription.eventTypes(),
                subscription.deploymentId, subscription.enabled, subscription.createdBy, subscription.createdAt,
                subscription.signingSecret());
    }
}
