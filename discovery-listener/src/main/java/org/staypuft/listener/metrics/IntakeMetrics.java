package org.staypuft.listener.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of what the listener took in and what it refused, and why. Prometheus:
 * {@code staypuft_listener_intake_accepted_total{endpoint,outcome}} and
 * {@code staypuft_listener_intake_refused_total{endpoint,reason}}.
 */
@ApplicationScoped
public class IntakeMetrics {

    public static final String FACTS = "facts";
    public static final String REGISTRATIONS = "registrations";
    public static final String TOKENS = "registration-tokens";
    public static final String ANSWER_FILES = "answer-files";

    @Inject
    MeterRegistry registry;

    /** @param outcome {@code created}, {@code updated} or {@code unchanged} */
    public void accepted(String endpoint, String outcome) {
        registry.counter("staypuft.listener.intake.accepted", "endpoint", endpoint, "outcome", outcome).increment();
    }

    /** @param path the request path; its endpoint becomes the tag */
    public void refused(String path, String reason) {
        registry.counter("staypuft.listener.intake.refused", "endpoint", endpointOf(path), "reason", reason)
                .increment();
    }

    static String endpointOf(String path) {
        if (path == null) {
            return "other";
        }
        if (path.startsWith("/api/v2/discovered_hosts")) {
            return FACTS;
        }
        if (path.startsWith("/api/v1/registrations")) {
            return REGISTRATIONS;
        }
        if (path.startsWith("/api/v1/registration-tokens")) {
            return TOKENS;
        }
        if (path.startsWith("/api/v1/answer-files")) {
            return ANSWER_FILES;
        }
        return "other";
    }
}
