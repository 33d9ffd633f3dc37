package org.staypuft.orchestrator.discovery;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A discovery rule (ADR 0018). Its counters (hosts taken, the next {@code ${n}}) change only through
 * {@link #took(int)}, under the row's lock.
 */
@Entity
@Table(name = "discovery_rule")
public class DiscoveryRule {

    /** The placeholder of a host-name pattern. */
    public static final String NUMBER = "${n}";

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public int priority;

    @Column(nullable = false)
    public String expression;

    @Column(name = "deployment_id", nullable = false)
    public String deploymentId;

    @Column(nullable = false)
    public String role;

    @Column(name = "max_count")
    public Integer maxCount;

    @Column(name = "hostname_pattern")
    public String hostnamePattern;

    @Column(nullable = false)
    public boolean enabled;

    @Column(nullable = false)
    private int taken;

    @Column(name = "next_number", nullable = false)
    private int nextNumber = 1;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public int taken() {
        return taken;
    }

    public int nextNumber() {
        return nextNumber;
    }

    /** How many more hosts the rule may take; null: no limit. */
    public Integer room() {
        return maxCount == null ? null : Math.max(0, maxCount - taken);
    }

    public boolean full() {
        return maxCount != null && taken >= maxCount;
    }

    /** The rule took a host, naming it with {@code number} (the pattern's, or the next one without a pattern). */
    public void took(int number) {
        taken++;
        nextNumber = Math.max(nextNumber, number + 1);
    }

    /** The name the pattern gives for {@code number}; null without a pattern. */
    public String nameFor(int number) {
        return hostnamePattern == null ? null : hostnamePattern.replace(NUMBER, Integer.toString(number));
    }
}
