package org.staypuft.orchestrator.api;

import java.time.OffsetDateTime;

/**
 * A stored discovery rule with its defaults filled in and how many hosts it took so far.
 *
 * @param taken the hosts the rule assigned over its life (unassigning a host later does not give it back)
 */
public record DiscoveryRuleView(String name, int priority, String expression, String deployment,
        String deploymentId, String role, Integer maxCount, String hostnamePattern, boolean enabled, int taken,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
