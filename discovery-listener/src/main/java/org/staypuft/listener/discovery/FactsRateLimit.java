package org.staypuft.listener.discovery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.staypuft.listener.config.ListenerConfig;
import org.staypuft.listener.request.RefusedException;

/**
 * A token bucket per source address for the unauthenticated facts intake: {@code burst} uploads at once, then
 * {@code uploads-per-minute} on average. A refused upload is a 429 naming the limit and when to retry; it is refused
 * before the body is read, so nothing is recorded or published. Buckets live in memory, per replica.
 */
@ApplicationScoped
public class FactsRateLimit {

    /** Beyond this many addresses, full buckets are dropped (a full bucket is what a new address gets anyway). */
    private static final int MAX_TRACKED = 100_000;

    @Inject
    ListenerConfig config;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @throws RefusedException 429 when {@code address} has no upload left */
    public void take(String address) {
        ListenerConfig.Intake intake = config.intake();
        double perNano = intake.uploadsPerMinute() / 60e9;
        long now = System.nanoTime();
        if (buckets.size() > MAX_TRACKED) {
            buckets.values().removeIf(bucket -> bucket.fullAt(now, perNano, intake.burst()));
        }
        Bucket bucket = buckets.computeIfAbsent(address, ignored -> new Bucket(intake.burst(), now));
        long waitSeconds = bucket.take(now, perNano, intake.burst());
        if (waitSeconds > 0) {
            throw new RateLimited(address, intake.uploadsPerMinute(), intake.burst(), waitSeconds);
        }
    }

    private static final class Bucket {

        private double tokens;
        private long updatedAt;

        Bucket(int burst, long now) {
            this.tokens = burst;
            this.updatedAt = now;
        }

        /** @return 0 when an upload was taken, else the seconds until one is available */
        synchronized long take(long now, double perNano, int burst) {
            tokens = Math.min(burst, tokens + (now - updatedAt) * perNano);
            updatedAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
        }

        synchronized boolean fullAt(long now, double perNano, int burst) {
            return tokens + (now - updatedAt) * perNano >= burst;
        }
    }

    /** 429 with {@code Retry-After}. */
    static final class RateLimited extends RefusedException {

        private final long retryAfterSeconds;

        RateLimited(String address, int perMinute, int burst, long retryAfterSeconds) {
            super(429, "source", "rate-limited", "too many facts uploads from " + address + ": at most " + burst
                    + " at once and " + perMinute + " a minute (staypuft.listener.intake.burst, "
                    + "uploads-per-minute); retry in " + retryAfterSeconds + " s. Nothing was recorded.");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", Long.toString(retryAfterSeconds));
        }
    }
}
