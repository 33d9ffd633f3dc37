package org.staypuft.webhooks.subscription;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.staypuft.kit.json.JsonColumns;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Where to send which events, signed with which secret. */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends PanacheEntityBase {

    @Id
    public UUID id;

    public String url;

    /** JSON list of full CloudEvents types; read through {@link #eventTypes()}. */
    @Column(name = "event_types")
    String eventTypesJson;

    /** Only events of this deployment ({@code ce_deploymentid}); null: all events of the chosen types. */
    @Column(name = "deployment_id")
    public String deploymentId;

    /** Signs every delivery; never shown after creation. */
    String secret;

    public boolean enabled;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    static WebhookSubscription create(String url, List<String> eventTypes, String deploymentId, String secret,
            boolean enabled, String createdBy, OffsetDateTime now) {
        WebhookSubscription subscription = new WebhookSubscription();
        subscription.id = UUID.randomUUID();
        subscription.url = url;
        subscription.eventTypesJson = JsonColumns.writeList(eventTypes);
        subscription.deploymentId = deploymentId;
        subscription.secret = secret;
        subscription.enabled = enabled;
        subscription.createdBy = createdBy;
        subscription.createdAt = now;
        return subscription;
    }

    public List<String> eventTypes() {
        return JsonColumns.list(eventTypesJson, String.class);
    }

    /** The key of the HMAC that signs a delivery's body (never returned by the API). */
    public String signingSecret() {
        return secret;
    }

    /** Whether an event of this type and deployment ({@code null}: none) is to be delivered here. */
    public boolean wants(String eventType, String eventDeploymentId) {
        return enabled && eventTypes().contains(eventType)
                && (deploymentId == null || deploymentId.equals(eventDeploymentId));
    }
}
