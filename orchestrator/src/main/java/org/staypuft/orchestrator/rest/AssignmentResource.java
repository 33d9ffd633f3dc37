package org.staypuft.orchestrator.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.staypuft.events.ApiRoles;
import org.staypuft.orchestrator.deployment.AssignmentService;
import org.staypuft.orchestrator.deployment.HostAssignment;

/** Hosts in and out of a deployment's roles. */
@Path("/api/v1/deployments/{id}/roles/{role}/hosts/{hostId}")
@Produces(MediaType.APPLICATION_JSON)
public class AssignmentResource {

    /** A host's place in a deployment. */
    public record AssignmentView(String hostId, String deploymentId, String role, String state, boolean deployed) {

        static AssignmentView of(HostAssignment assignment) {
            return new AssignmentView(assignment.hostId, assignment.deploymentId, assignment.role, assignment.state,
                    assignment.deployed);
        }
    }

    @Inject
    AssignmentService assignments;

    @POST
    @RolesAllowed(ApiRoles.OPERATOR)
    public AssignmentView assign(@PathParam("id") String id, @PathParam("role") String role,
            @PathParam("hostId") String hostId) {
        return AssignmentView.of(assignments.assign(id, role, hostId));
    }

    @DELETE
    @RolesAllowed(ApiRoles.OPERATOR)
    public Response unassign(@PathParam("id") String id, @PathParam("role") String role,
            @PathParam("hostId") String hostId) {
        assignments.unassign(id, role, hostId);
        return Response.noContent().build();
    }
}
