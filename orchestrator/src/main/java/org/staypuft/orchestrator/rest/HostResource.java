package org.staypuft.orchestrator.rest;

import java.util.List;

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
import org.staypuft.orchestrator.host.KnownHost;
import org.staypuft.orchestrator.host.KnownHostRepository;

/** The orchestrator's view of hosts, built from host events: what can be assigned, and where each host is. */
@Path("/api/v1/hosts")
@Produces(MediaType.APPLICATION_JSON)
public class HostResource {

    public record HostSummary(String hostId, String kind, String name, String address, List<SshHostKey> sshHostKeys,
            boolean built, String deploymentId, String role, String state, boolean deployed, Integer sshPort,
            String sshUser, String rule, String givenName) {
    }

    @Inject
    KnownHostRepository hosts;

    @Inject
    HostAssignmentRepository assignments;

    @GET
    @Transactional
    @RolesAllowed({ApiRoles.VIEWER, ApiRoles.OPERATOR})
    public List<HostSummary> list(@QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("500") int limit) {
        if (offset < 0 || limit < 1 || limit > 5000) {
            throw ProblemException.invalid("limit", "offset >= 0 and limit between 1 and 5000");
        }
        return hosts.page(offset, limit).stream().map(this::summary).toList();
    }

    private HostSummary summary(KnownHost host) {
        HostAssignment assignment = assignments.findById(host.hostId);
        return new HostSummary(host.hostId, host.kind.name(), host.name, host.address, host.keys(),
                host.builtAt != null, assignment == null ? null : assignment.deploymentId,
                assignment == null ? null : assignment.role,
                assignment == null ? HostState.FREE.wireName() : assignment.state,
                assignment != null && assignment.deployed, host.sshPort, host.sshUser,
                assignment == null ? null : assignment.rule, assignment == null ? null : assignment.givenName);
    }
}
