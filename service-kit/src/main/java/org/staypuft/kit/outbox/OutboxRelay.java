package org.staypuft.kit.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;
import org.staypuft.events.EventCodec;
import org.staypuft.kit.config.KitConfig;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Moves committed outbox rows to Kafka in sequence order, then deletes the rows it sent. Woken right after each commit
 * that wrote events, and on a timer for anything left over (a broker outage, a crash between send and delete). A row
 * whose transaction commits after a later row was relayed goes out with the next batch; events of one aggregate keep
 * their order as long as they are written by transactions that follow each other.
 * <p>
 * A row that Kafka refuses for good (record too large for its topic, unknown topic, not authorized: see
 * {@link KafkaRefusals}) is moved to table {@code outbox_parked} with the broker's reason, counted
 * ({@code staypuft.outbox.parked}) and logged, so that one bad event never stops the service's others. A row that
 * failed for now (broker away) stays and is retried; rows after it that the broker took are not sent again.
 * <p>
 * One relay at a time per database (a transaction-scoped advisory lock), so replicas cannot reorder one aggregate's
 * events. A crash after the send and before the delete publishes a batch twice: consumers de-duplicate by
 * {@code ce_id}.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock key: "STAYPUFT" folded into a long; each service has its own database. */
    private static final long RELAY_LOCK = 0x5354_4159_5055_4654L;

    @Inject
    KitConfig config;

    @Inject
    EntityManager entityManager;

    @Inject
    OutboxProducer producer;

    @Inject
    MeterRegistry registry;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
    private final AtomicBoolean drainPending = new AtomicBoolean();
    private volatile boolean running = true;
    private Counter published;
    private Counter parked;

    void onStart(@Observes StartupEvent event) {
        published = Counter.builder("staypuft.outbox.published").description("Events relayed to Kafka")
                .register(registry);
        parked = Counter.builder("staypuft.outbox.parked")
                .description("Events Kafka refused for good, moved to table outbox_parked").register(registry);
        wake();
    }

    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxWritten written) {
        wake();
    }

    @Scheduled(every = "${staypuft.outbox.poll-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    /** Asks for a drain; many wakes while one is pending collapse into that one. */
    public void wake() {
        if (running && drainPending.compareAndSet(false, true)) {
            worker.execute(this::drain);
        }
    }

    private void drain() {
        drainPending.set(false);
        try {
            int relayed;
            do {
                relayed = QuarkusTransaction.requiringNew().call(this::relayBatch);
            } while (running && relayed >= config.outbox().batchSize());
        } catch (RuntimeException e) {
            // The rows stay; the next wake or tick retries them in the same order.
            LOG.warnf("Outbox relay will retry: %s", rootMessage(e));
        }
    }

    private int relayBatch() throws InterruptedException {
        Boolean locked = (Boolean) entityManager.createNativeQuery("SELECT pg_try_advisory_xact_lock(:key)")
                .setParameter("key", RELAY_LOCK).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return 0;
        }
        List<OutboxEvent> batch = OutboxEvent.find("order by seq").page(0, config.outbox().batchSize()).list();
        if (batch.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (OutboxEvent row : batch) {
            Future<RecordMetadata> ack = producer.send(toRecord(row));
            acks.add(ack);
            if (ack.isDone() && failedForNow(ack)) {
                // The broker is away (the producer waited max.block.ms for it): the rest would wait as long, each.
                break;
            }
        }
        long deadline = System.nanoTime() + config.outbox().sendTimeout().toNanos();
        List<Long> done = new ArrayList<>(acks.size());
        String transientFailure = null;
        for (int i = 0; i < acks.size(); i++) {
            OutboxEvent row = batch.get(i);
            try {
                acks.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                done.add(row.seq);
            } catch (ExecutionException e) {
                Optional<String> refusal = refusal(row, e.getCause());
                if (refusal.isPresent()) {
                    park(row, refusal.get());
                    done.add(row.seq);
                } else if (transientFailure == null) {
                    transientFailure = rootMessage(e);
                }
            } catch (TimeoutException e) {
                if (transientFailure == null) {
                    transientFailure = "no acknowledgement within " + config.outbox().sendTimeout();
                }
            }
        }
        // Exactly the rows sent (or parked): a transaction that took a lower seq but committed after the batch was
        // read is still waiting, and "seq <= last" would delete it unsent. Rows that failed for now stay, in order.
        if (!done.isEmpty()) {
            OutboxEvent.delete("seq in ?1", done);
        }
        published.increment(done.size());
        if (transientFailure != null) {
            LOG.warnf("Outbox relay will retry %d event(s): %s", batch.size() - done.size(), transientFailure);
            return 0;
        }
        return batch.size();
    }

    private static boolean failedForNow(Future<RecordMetadata> ack) {
        try {
            ack.get();
            return false;
        } catch (ExecutionException e) {
            return KafkaRefusals.finalRefusal(e.getCause()).isEmpty() && !KafkaRefusals.isMissingMetadata(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Why Kafka will never take this row, or empty when waiting may help (broker away, leader moving). */
    private Optional<String> refusal(OutboxEvent row, Throwable failure) {
        Optional<String> refusal = KafkaRefusals.finalRefusal(failure);
        if (refusal.isPresent()) {
            return refusal;
        }
        if (KafkaRefusals.isMissingMetadata(failure)
                && producer.topicExists(row.topic, Duration.ofSeconds(5)).equals(Optional.of(false))) {
            return Optional.of("UnknownTopicOrPartitionException: the broker has no topic " + row.topic);
        }
        return Optional.empty();
    }

    private void park(OutboxEvent row, String reason) {
        OutboxParked.of(row, reason).persist();
        parked.increment();
        LOG.errorf("Outbox relay parked event %s (%s, topic %s, seq %d) in table outbox_parked: Kafka refuses it "
                + "for good: %s. The events behind it go on.", row.eventId, row.eventType, row.topic, row.seq, reason);
    }

    static ProducerRecord<String, byte[]> toRecord(OutboxEvent row) {
        return EventCodec.toRecord(row.topic, row.recordKey, EventCodec.cloudEventHeaders(row.eventId, row.source,
                row.eventType, row.occurredAt, row.subject, row.deploymentId), row.payload);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    @PreDestroy
    void stop() {
        running = false;
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
