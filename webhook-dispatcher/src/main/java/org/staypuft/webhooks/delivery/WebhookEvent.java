package org.staypuft.webhooks.delivery;

import java.time.OffsetDateTime;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.staypuft.kit.json.JsonColumns;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An event as it is sent: its CloudEvents attributes as HTTP headers and its JSON body, kept once. */
@Entity
@Table(name = "webhook_event")
public class WebhookEvent extends PanacheEntityBase {

    /** The event's {@code ce_id}. */
    @Id
    public String id;

    public String type;

    @Column(name = "headers")
    String headersJson;

    public byte[] body;

    @Column(name = "received_at")
    public OffsetDateTime receivedAt;

    static WebhookEvent of(String id, String type, Map<String, String> headers, byte[] body, OffsetDateTime now) {
        WebhookEvent event = new WebhookEvent();
        event.id = id;
        event.type = type;
        event.headersJson = JsonColumns.write(headers);
        event.body = body;
        event.receivedAt = now;
        return event;
    }

    @SuppressWarnings("unchecked")
    Map<String, String> headers() {
        return JsonColumns.read(headersJson, Map.class);
    }
}
