package org.staypuft.orchestrator.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.staypuft.events.ApiRoles;
import org.staypuft.orchestrator.api.RunViews;
import org.staypuft.orchestrator.deployment.DeploymentService;
import org.staypuft.orchestrator.run.engine.Run;
import org.staypuft.orchestrator.run.engine.RunService;
import org.staypuft.orchestrator.run.view.RunQueries;

/** Runs of a deployment: start one, list them. */
@Path("/api/v1/deployments/{id}/runs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DeploymentRunsResource {

    /** @param redeployAll false (default): only hosts not deployed yet; true: every assigned host */
    public record StartRun(Boolean redeployAll) {
    }

    @Inject
    RunService runService;

    @Inject
    RunQueries queries;

    @Inject
    Caller caller;

    @Inject
    DeploymentService deployments;

    @POST
    @RolesAllowed(ApiRoles.OPERATOR)
    public Response start(@PathParam("id") String deploymentId, StartRun request) {
        boolean redeployAll = request != null && Boolean.TRUE.equals(request.redeployAll());
        Run run = runService.start(deploymentId, redeployAll, caller.name());
        return Response.created(URI.create("/api/v1/runs/" + run.id)).entity(queries.detail(run.id)).build();
    }

    @GET
    @RolesAllowed({ApiRoles.VIEWER, ApiRoles.OPERATOR})
    public List<RunViews.RunSummary> ofDeployment(@PathParam("id") String deploymentId) {
        // An unknown deployment is 404, not an empty list (found by the endpoint attack).
        deployments.get(deploymentId);
        return queries.ofDeployment(deploymentId);
    }
}
