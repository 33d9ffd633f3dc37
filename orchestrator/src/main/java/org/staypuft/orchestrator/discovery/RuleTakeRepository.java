package org.staypuft.orchestrator.discovery;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class RuleTakeRepository implements PanacheRepositoryBase<RuleTake, String> {

    /**
     * Whether a name is given already: by a rule, or as a known host's own name. Takes a transaction-scoped advisory
     * lock on the name first, so two replicas choosing the same name one after the other see each other's choice.
     */
    public boolean nameInUse(String name) {
        getEntityManager().createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(:name))) locked")
                .setParameter("name", "discovery-name:" + name).getSingleResult();
        return nameGiven(name);
    }

    /** Whether a rule gave the name, or a known host has it as its own name (no lock: for trials). */
    public boolean nameGiven(String name) {
        return !getEntityManager().createNativeQuery("SELECT 1 FROM discovery_rule_take WHERE host_name = :name "
                + "UNION ALL SELECT 1 FROM host_view WHERE name = :name UNION ALL SELECT 1 FROM host_assignment "
                + "WHERE given_name = :name LIMIT 1").setParameter("name", name).getResultList().isEmpty();
    }
}
