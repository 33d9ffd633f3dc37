package org.staypuft.orchestrator.run.command;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class HostRequestRepository implements PanacheRepositoryBase<HostRequest, String> {

    /** The run a request belongs to, read without loading anything before the run is locked. */
    public Optional<String> runOf(String requestId) {
        return getEntityManager()
                .createQuery("select r.runId from HostRequest r where r.requestId = ?1", String.class)
                .setParameter(1, requestId).getResultStream().findFirst();
    }

    public List<HostRequest> ofStep(long hostStepId) {
        return list("hostStepId = ?1 order by sentAt", hostStepId);
    }

    /** How often a step's attempt asked for provisioning so far. */
    public long provisionsOf(long hostStepId, int attempt) {
        return count("hostStepId = ?1 and attempt = ?2 and kind = ?3", hostStepId, attempt, HostRequest.PROVISION);
    }

    /** Runs with requests nobody answered yet (index host_request_outstanding). */
    public List<String> runsWithOutstanding(String afterRunId, int limit) {
        return getEntityManager()
                .createQuery("select distinct r.runId from HostRequest r where r.completedAt is null"
                        + " and r.runId > ?1 order by r.runId", String.class)
                .setParameter(1, afterRunId).setMaxResults(limit).getResultList();
    }

    public List<HostRequest> outstandingOfRun(String runId) {
        return list("runId = ?1 and completedAt is null order by sentAt", runId);
    }
}
