package org.staypuft.webhooks.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is tried again: {@code first * 2^(attempts-1)}, at most {@code max}, each with +-20 %
 * jitter (receivers that come back are not hit by every replica's retries at the same instant).
 */
record RetrySchedule(Duration first, Duration max) {

    Duration after(int failedAttempts) {
        long base = first.toMillis();
        for (int i = 1; i < failedAttempts && base < max.toMillis(); i++) {
            base *= 2;
        }
        base = Math.min(base, max.toMillis());
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.max(1, (long) (base * jitter)));
    }
}
