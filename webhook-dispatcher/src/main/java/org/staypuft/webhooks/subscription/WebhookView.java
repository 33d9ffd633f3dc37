package org.staypuft.webhooks.subscription;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A subscription as the API shows it after its creation: without its secret. */
@Schema(name = "Webhook")
public record WebhookView(UUID id, String url, List<String> eventTypes, String deploymentId, boolean enabled,
        String createdBy, OffsetDateTime createdAt) {

    static WebhookView of(WebhookSubscription subscription) {
        return new WebhookView(subscription.id, subscription.url, subscription.eventTypes(),
                subscription.deploymentId, subscription.enabled, subscription.createdBy, subscription.createdAt);
    }
}
