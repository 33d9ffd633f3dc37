package org.staypuft.orchestrator.discovery;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class DiscoveryRuleRepository implements PanacheRepositoryBase<DiscoveryRule, String> {

    /** Every rule in the order they are tried: priority, then name. */
    public List<DiscoveryRule> inOrder() {
        return list("order by priority, name");
    }

    public List<DiscoveryRule> enabledInOrder() {
        return list("enabled = true order by priority, name");
    }

    public Optional<DiscoveryRule> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    /** Waits for the rule's row lock; false when the rule is gone. */
    public boolean lock(String ruleId) {
        return !getEntityManager().createNativeQuery("SELECT id FROM discovery_rule WHERE id = :id FOR UPDATE")
                .setParameter("id", ruleId).getResultList().isEmpty();
    }
}
