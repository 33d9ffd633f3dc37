package org.staypuft.orchestrator.api;

import java.util.List;

/**
 * What a discovery rule would do now, assigning nothing: the free hosts of the inventory it matches, and the ones it
 * would take with the names it would give, within its remaining count and its role's room.
 *
 * @param room how many hosts it may still take (its max count less the hosts it took, and its role's room); null: no
 *        limit
 * @param matched how many free hosts the expression is true for
 * @param wouldTake the hosts it would take, in host id order, at most {@code room}
 * @param errors hosts whose evaluation failed (e.g. a fact the host lacks: use {@code has(facts.x)}), at most 20
 */
public record RuleTrial(String rule, boolean enabled, Integer room, int matched, List<Candidate> wouldTake,
        List<Failure> errors) {

    /** A host the rule would take and the name it would give it (null without a pattern). */
    public record Candidate(String hostId, String name, String hostName) {
    }

    public record Failure(String hostId, String message) {
    }
}
