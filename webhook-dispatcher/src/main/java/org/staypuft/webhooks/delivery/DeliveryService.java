package org.staypuft.webhooks.delivery;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.staypuft.events.EventEnvelope;
import org.staypuft.webhooks.config.WebhookConfig;
import org.staypuft.webhooks.subscription.WebhookSubscription;

import io.micrometer.core.instrument.MeterRegistry;

/** The delivery table: rows recorded for consumed events, claimed by the workers, updated after each attempt. */
@ApplicationScoped
public class DeliveryService {

    static final int LATEST = 200;

    @Inject
    WebhookConfig config;

    @Inject
    MeterRegistry registry;

    /**
     * One PENDING delivery per enabled subscription that wants the event. Runs inside the inbox's transaction, which
     * records the event id: a redelivered record is skipped before it gets here, and the unique (event,
     * subscription) pair would refuse a second row anyway.
     *
     * @return how many deliveries were recorded
     */
    public int recordMatching(EventEnvelope event, Map<String, String> httpHeaders, byte[] body) {
        String type = event.type().type();
        List<WebhookSubscription> matching = WebhookSubscription.<WebhookSubscription>list("enabled", true).stream()
                .filter(subscription -> subscription.wants(type, event.deploymentId())).toList();
        if (matching.isEmpty()) {
            return 0;
        }
        OffsetDateTime now = now();
        if (WebhookEvent.findById(event.id()) == null) {
            WebhookEvent.of(event.id(), type, httpHeaders, body, now).persist();
        }
        int recorded = 0;
        for (WebhookSubscription subscription : matching) {
            if (WebhookDelivery.count("eventId = ?1 and subscriptionId = ?2", event.id(), subscription.id) == 0) {
                WebhookDelivery.pending(subscription.id, event.id(), type, now).persist();
                recorded++;
            }
        }
        registry.counter("staypuft.webhooks.deliveries", "outcome", "recorded").increment(recorded);
        return recorded;
    }

    /** The subscription's latest deliveries, newest first. */
    public List<DeliveryView> latest(UUID subscriptionId) {
        return WebhookDelivery.<WebhookDelivery>find("subscriptionId = ?1 order by createdAt desc, seq desc",
                subscriptionId).page(0, LATEST).list().stream().map(WebhookDelivery::view).toList();
    }

    /**
     * Takes up to {@code max} due deliveries, at most one per subscription and none of {@code busySubscriptions}
     * (one slow receiver occupies one worker, never all). Rows another replica is claiming are skipped, not waited
     * for; the claimed ones are leased until {@code lease} ends.
     */
    @Transactional
    List<Attempt> claim(int max, Set<UUID> busySubscriptions, Duration lease) {
        OffsetDateTime now = now();
        @SuppressWarnings("unchecked")
        List<WebhookDelivery> due = WebhookDelivery.getEntityManager().createNativeQuery(
                "SELECT * FROM webhook_delivery WHERE state = 'PENDING' AND next_attempt_at <= ?1"
                        + " ORDER BY next_attempt_at, seq LIMIT ?2 FOR UPDATE SKIP LOCKED",
                WebhookDelivery.class).setParameter(1, now).setParameter(2, Math.max(max * 4, 16)).getResultList();
        Set<UUID> taken = new HashSet<>(busySubscriptions);
        List<Attempt> attempts = new ArrayList<>();
        for (WebhookDelivery delivery : due) {
            if (attempts.size() >= max || !taken.add(delivery.subscriptionId)) {
                continue;
            }
            WebhookSubscription subscription = WebhookSubscription.findById(delivery.subscriptionId);
            WebhookEvent event = WebhookEvent.findById(delivery.eventId);
            delivery.claimed(now, lease);
            attempts.add(new Attempt(delivery.id, subscription.id, subscription.url, subscription.signingSecret(),
                    delivery.attempts() + 1, event.headers(), event.body));
        }
        return attempts;
    }

    /** What an attempt came to: 2xx delivered, anything else retried later or, at the limit, dead. */
    @Transactional
    void recordOutcome(Attempt attempt, Integer status, String error) {
        WebhookDelivery delivery = WebhookDelivery.findById(attempt.deliveryId(), LockModeType.PESSIMISTIC_WRITE);
        if (delivery == null || !delivery.isPending()) {
            return; // the subscription was deleted meanwhile, or another replica finished it after our lease
        }
        OffsetDateTime now = now();
        if (status != null && status >= 200 && status < 300) {
            delivery.delivered(status, now);
            registry.counter("staypuft.webhooks.deliveries", "outcome", "delivered").increment();
            return;
        }
        WebhookConfig.Delivery settings = config.delivery();
        RetrySchedule schedule = new RetrySchedule(settings.firstBackoff(), settings.maxBackoff());
        delivery.failed(status, error, now, settings.maxAttempts(), now.plus(schedule.after(delivery.attempts() + 1)));
        registry.counter("staypuft.webhooks.deliveries", "outcome", delivery.isPending() ? "failed" : "dead")
                .increment();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** A claimed delivery with everything needed to send it outside the transaction. */
    record Attempt(UUID deliveryId, UUID subscriptionId, String url, String secret, int number,
            Map<String, String> headers, byte[] body) {
    }
}
