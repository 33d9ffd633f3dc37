package org.staypuft.orchestrator.run.view;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;
import org.staypuft.orchestrator.run.engine.RunStatus;
import org.staypuft.orchestrator.run.engine.StepPhase;
import org.staypuft.orchestrator.run.engine.StepStatus;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The runs' books as gauges, for dashboards and alerts (issue 18): runs by status, the host steps of unfinished runs
 * by phase and status, and how many of those wait for a part of Staypuft. Sampled from the database every
 * {@code staypuft.orchestrator.metrics-interval}, so every replica reports the same totals (take {@code max}, not
 * {@code sum}, across replicas). Every status and phase is reported, zero included, so a series never vanishes.
 */
@ApplicationScoped
public class RunGauges {

    private static final Logger LOG = Logger.getLogger(RunGauges.class);
    private static final String UNFINISHED = "status NOT IN ('COMPLETED', 'FAILED', 'CANCELLED')";

    @Inject
    EntityManager entityManager;

    @Inject
    MeterRegistry registry;

    private MultiGauge runs;
    private MultiGauge steps;
    private final AtomicLong waiting = new AtomicLong();

    void register(@Observes StartupEvent event) {
        runs = MultiGauge.builder("staypuft.runs").description("Runs by status (every replica reports the same)")
                .register(registry);
        steps = MultiGauge.builder("staypuft.run.steps")
                .description("Host steps of unfinished runs by phase and status").register(registry);
        Gauge.builder("staypuft.run.steps.waiting", waiting, AtomicLong::get)
                .description("Host steps of unfinished runs waiting for a part of Staypuft (broker, registry, "
                        + "runner, database, puppet server)")
                .register(registry);
    }

    @Scheduled(every = "${staypuft.orchestrator.metrics-interval:15s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sample() {
        try {
            // Its own transaction inside the try: with the database away this logs at debug, not every 15 s.
            QuarkusTransaction.requiringNew().run(this::sampleNow);
        } catch (RuntimeException e) {
            // The gauges keep their last values; the health check says the database is away.
            LOG.debugf("Run gauges not sampled: %s", e.getMessage());
        }
    }

    private void sampleNow() {
        Map<String, Long> runCounts = counts("SELECT status, count(*) FROM run GROUP BY status");
        List<MultiGauge.Row<?>> runRows = new ArrayList<>();
        for (RunStatus status : RunStatus.values()) {
            runRows.add(MultiGauge.Row.of(Tags.of("status", status.name()), runCounts.getOrDefault(status.name(), 0L)));
        }
        runs.register(runRows, true);

        Map<String, Long> stepCounts = counts("SELECT s.phase || '/' || s.status, count(*) FROM host_step s"
                + " WHERE s.run_id IN (SELECT id FROM run WHERE " + UNFINISHED + ") GROUP BY s.phase, s.status");
        List<MultiGauge.Row<?>> stepRows = new ArrayList<>();
        for (StepPhase phase : StepPhase.values()) {
            for (StepStatus status : StepStatus.values()) {
                stepRows.add(MultiGauge.Row.of(Tags.of("phase", phase.name(), "status", status.name()),
                        stepCounts.getOrDefault(phase.name() + "/" + status.name(), 0L)));
            }
        }
        steps.register(stepRows, true);

        waiting.set(((Number) entityManager.createNativeQuery("SELECT count(*) FROM host_step"
                + " WHERE waiting_for IS NOT NULL AND run_id IN (SELECT id FROM run WHERE " + UNFINISHED + ")")
                .getSingleResult()).longValue());
    }

    private Map<String, Long> counts(String sql) {
        Map<String, Long> counts = new HashMap<>();
        for (Object row : entityManager.createNativeQuery(sql).getResultList()) {
            Object[] columns = (Object[]) row;
            counts.put(String.valueOf(columns[0]), ((Number) columns[1]).longValue());
        }
        return counts;
    }
}
