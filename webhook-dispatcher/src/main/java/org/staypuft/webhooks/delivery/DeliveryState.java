package org.staypuft.webhooks.delivery;

/** Where a delivery is. */
public enum DeliveryState {
    /** Not sent yet, or to be retried at {@code next_attempt_at}. */
    PENDING,
    /** The receiver answered 2xx. */
    DELIVERED,
    /** Given up after {@code staypuft.webhooks.delivery.max-attempts}; kept with its last status for operators. */
    DEAD
}
