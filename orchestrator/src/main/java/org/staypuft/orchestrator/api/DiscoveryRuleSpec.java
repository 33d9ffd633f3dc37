package org.staypuft.orchestrator.api;

/**
 * A discovery rule as an operator writes it (ADR 0018).
 *
 * @param name unique, lower case, digits and dashes ({@code ^[a-z][a-z0-9-]{0,62}$})
 * @param priority lower numbers are tried first (0 to 1000000, default 100); equal priorities in name order
 * @param expression a CEL expression that is true for the hosts the rule takes; it sees {@code facts} (a map),
 *        {@code mac}, {@code name}, {@code kind} and {@code hostId}
 * @param deployment the name of the deployment the rule assigns hosts to
 * @param role the role of that deployment
 * @param maxCount at most this many hosts over the rule's life (null: no limit)
 * @param hostnamePattern the name given to each host, with {@code ${n}} counting up per rule (e.g.
 *        {@code compute-${n}}); null: hosts keep their own names
 * @param enabled default true
 */
public record DiscoveryRuleSpec(String name, Integer priority, String expression, String deployment, String role,
        Integer maxCount, String hostnamePattern, Boolean enabled) {
}
