package org.staypuft.listener.discovery;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.staypuft.listener.config.ListenerConfig;
import org.staypuft.listener.request.RefusedException;

import io.quarkus.scheduler.Scheduled;

/**
 * A token bucket per source address for the unauthenticated facts intake: {@code burst} uploads at once, then
 * {@code uploads-per-minute} on average. A refused upload is a 429 naming the limit and when to retry; it is refused
 * before the body is read, so nothing is recorded or published.
 * <p>
 * The buckets are rows of {@code intake_bucket}, shared by every replica: one upsert per upload, in a transaction of
 * its own (so an upload refused later, 400 or 409, still took its token, and the row is locked only for the upsert).
 * The row lock orders concurrent uploads of one address across replicas, and the database's clock is the one they
 * share. N replicas therefore allow the configured rate, not N times it.
 */
@ApplicationScoped
public class FactsRateLimit {

    /**
     * Takes a token when the bucket, refilled since {@code updated_at}, holds one; a new address starts full. The
     * new row's time ({@code EXCLUDED.updated_at}) is "now" for the refill; a negative elapsed time (a concurrent
     * upload committed a later time while this one waited for the row) refills nothing.
     */
    private static final String TAKE = """
            INSERT INTO intake_bucket AS b (source_address, tokens, updated_at)
            VALUES (?, ? - 1, clock_timestamp())
            ON CONFLICT (source_address) DO UPDATE
               SET tokens = LEAST(?, b.tokens + ? * GREATEST(0, EXTRACT(EPOCH FROM EXCLUDED.updated_at - b.updated_at)))
                            - 1,
                   updated_at = GREATEST(b.updated_at, EXCLUDED.updated_at)
             WHERE LEAST(?, b.tokens + ? * GREATEST(0, EXTRACT(EPOCH FROM EXCLUDED.updated_at - b.updated_at))) >= 1
            RETURNING tokens""";

    /** The tokens a refused address holds now (its row is locked by the refused upsert). */
    private static final String LEVEL = """
            SELECT LEAST(?, tokens + ? * GREATEST(0, EXTRACT(EPOCH FROM clock_timestamp() - updated_at)))
              FROM intake_bucket WHERE source_address = ?""";

    @Inject
    ListenerConfig config;

    @Inject
    EntityManager entityManager;

    /** @throws RefusedException 429 when {@code address} has no upload left */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void take(String address) {
        ListenerConfig.Intake intake = config.intake();
        int burst = intake.burst();
        double perSecond = intake.uploadsPerMinute() / 60.0;
        double left = entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement take = connection.prepareStatement(TAKE)) {
                take.setString(1, address);
                take.setInt(2, burst);
                take.setInt(3, burst);
                take.setDouble(4, perSecond);
                take.setInt(5, burst);
                take.setDouble(6, perSecond);
                try (ResultSet taken = take.executeQuery()) {
                    if (taken.next()) {
                        return 1.0; // taken
                    }
                }
            }
            try (PreparedStatement level = connection.prepareStatement(LEVEL)) {
                level.setInt(1, burst);
                level.setDouble(2, perSecond);
                level.setString(3, address);
                try (ResultSet now = level.executeQuery()) {
                    return now.next() ? Math.min(now.getDouble(1), 0.999) : 0.0;
                }
            }
        });
        if (left < 1) {
            long waitSeconds = Math.max(1, (long) Math.ceil((1 - left) / perSecond));
            throw new RateLimited(address, intake.uploadsPerMinute(), burst, waitSeconds);
        }
    }

    /** Deletes the buckets that refilled completely: one that is absent starts full, so nothing is lost. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void pruneFullBuckets() {
        ListenerConfig.Intake intake = config.intake();
        double refillSeconds = intake.burst() * 60.0 / intake.uploadsPerMinute();
        entityManager.createNativeQuery("DELETE FROM intake_bucket WHERE updated_at < clock_timestamp() "
                + "- make_interval(secs => :seconds)").setParameter("seconds", refillSeconds + 1).executeUpdate();
    }

    /** 429 with {@code Retry-After}. */
    static final class RateLimited extends RefusedException {

        private final long retryAfterSeconds;

        RateLimited(String address, int perMinute, int burst, long retryAfterSeconds) {
            super(429, "source", "rate-limited", "too many facts uploads from " + address + ": at most " + burst
                    + " at once and " + perMinute + " a minute (staypuft.listener.intake.burst, "
                    + "uploads-per-minute, over all replicas); retry in " + retryAfterSeconds
                    + " s. Nothing was recorded.");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", Long.toString(retryAfterSeconds));
        }
    }
}
