package org.staypuft.orchestrator.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.staypuft.events.ApiRoles;
import org.staypuft.events.host.HostState;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.kit.problem.ProblemException;
import org.staypuft.orchestrator.deployment.HostAssignment;
import org.staypuft.orchestrator.deployment.HostAssignmentRepository;
import org.staypuft.orchestrator.host.IdentityConflict;
import org.staypuft.orchestrator.host.IdentityConflictRepository;
import org.staypuft.orchestrator.host.KnownHost;
import org.staypuft.orchestrator.host.KnownHostRepository;

/** The orchestrator's view of hosts, built from host events: what can be assigned, and where each host is. */
@Path("/api/v1/hosts")
@Produces(MediaType.APPLICATION_JSON)
public class HostResource {

    /**
     * @param identityConflict the host's open identity conflicts (refused claims an operator has not decided), null
     *        when none
     */
    public record HostSummary(String hostId, String kind, String name, String address, List<SshHostKey> sshHostKeys,
            boolean built, String deploymentId, String role, String state, boolean deployed, Integer sshPort,
            String sshUser, OpenIdentityConflicts identityConflict, String rule, String givenName) {
    }

    /**
     * A host's open identity conflicts (issue 12): an unauthenticated source claimed another kind, address or SSH
     * host keys, nothing changed, and no operator has accepted the claim or a later one yet. The claims themselves are
     * the registry's ({@code GET :8082/api/v1/hosts/{id}/identity-conflicts}, {@code staypuft hosts show}).
     *
     * @param conflictId the latest open one: the registry's conflict id ({@code staypuft hosts accept-identity})
     * @param source who claimed it: {@code discovery-upload} or {@code registration}
     * @param attributes what it would have changed: {@code kind}, {@code address}, {@code sshHostKeys}
     * @param since when the oldest open one was detected
     * @param open how many are open
     */
    public record OpenIdentityConflicts(String conflictId, String source, List<String> attributes,
            OffsetDateTime since, int open) {
    }

    /** The one value of {@code identityConflict}: only hosts with an open identity conflict. */
    static final String OPEN = "open";

    @Inject
    KnownHostRepository hosts;

    @Inject
    HostAssignmentRepository assignments;

    @Inject
    IdentityConflictRepository conflicts;

    @GET
    @Transactional
    @RolesAllowed({ApiRoles.VIEWER, ApiRoles.OPERATOR})
    public List<HostSummary> list(@QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("500") int limit,
            @QueryParam("identityConflict") String identityConflict) {
        if (offset < 0 || limit < 1 || limit > 5000) {
            throw ProblemException.invalid("limit", "offset >= 0 and limit between 1 and 5000");
        }
        if (identityConflict != null && !OPEN.equals(identityConflict)) {
            throw ProblemException.invalid("identityConflict",
                    "identityConflict takes only 'open' (the hosts with an open identity conflict)");
        }
        List<KnownHost> page = identityConflict == null
                ? hosts.page(offset, limit)
                : hosts.pageWithOpenConflicts(offset, limit);
        Map<String, List<IdentityConflict>> open = conflicts.openOf(page.stream().map(host -> host.hostId).toList());
        return page.stream().map(host -> summary(host, open.getOrDefault(host.hostId, List.of()))).toList();
    }

    private static OpenIdentityConflicts openConflicts(List<IdentityConflict> open) {
        if (open.isEmpty()) {
            return null;
        }
        IdentityConflict latest = open.get(open.size() - 1);
        return new OpenIdentityConflicts(latest.conflictId, latest.source, latest.attributes(),
                open.get(0).detectedAt, open.size());
    }

    private HostSummary summary(KnownHost host, List<IdentityConflict> open) {
        HostAssignment assignment = assignments.findById(host.hostId);
        return new HostSummary(host.hostId, host.kind.name(), host.name, host.address, host.keys(),
                host.builtAt != null, assignment == null ? null : assignment.deploymentId,
                assignment == null ? null : assignment.role,
                assignment == null ? HostState.FREE.wireName() : assignment.state,
                assignment != null && assignment.deployed, host.sshPort, host.sshUser, openConflicts(open),
                assignment == null ? null : assignment.rule, assignment == null ? null : assignment.givenName);
    }
}
