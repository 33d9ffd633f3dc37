package org.staypuft.orchestrator.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.staypuft.events.ApiRoles;
import org.staypuft.orchestrator.api.DeploymentSpec;
import org.staypuft.orchestrator.api.DeploymentView;
import org.staypuft.orchestrator.deployment.DeploymentService;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Deployments: create, read, update, delete; YAML export and import. */
@Path("/api/v1/deployments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DeploymentResource {

    @Inject
    DeploymentService deployments;

    @GET
    @RolesAllowed({ApiRoles.VIEWER, ApiRoles.OPERATOR})
    public List<DeploymentView> list() {
        return deployments.list();
    }

    @POST
    @RolesAllowed(ApiRoles.OPERATOR)
    public Response create(DeploymentSpec spec) {
        DeploymentView created = deployments.create(spec);
        return Response.created(URI.create("/api/v1/deployments/" + created.id())).entity(created).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ApiRoles.VIEWER, ApiRoles.OPERATOR})
    public DeploymentView get(@PathParam("id") String id) {
        return deployments.get(id);
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(ApiRoles.OPERATOR)
    public DeploymentView update(@PathParam("id") String id, DeploymentSpec spec) {
        return deployments.update(id, spec);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(ApiRoles.OPERATOR)
    public Response delete(@PathParam("id") String id) {
        deployments.delete(id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/export")
    @Produces({YamlDeployments.MEDIA_TYPE, "text/yaml"})
    @RolesAllowed({ApiRoles.VIEWER, ApiRoles.OPERATOR})
    public String export(@PathParam("id") String id) {
        return YamlDeployments.write(deployments.export(id));
    }

    /** Creates a deployment from an export; its hosts are assigned when they are known and free. */
    @POST
    @Path("import")
    @Consumes({YamlDeployments.MEDIA_TYPE, "text/yaml", "application/x-yaml", MediaType.TEXT_PLAIN})
    @RolesAllowed(ApiRoles.OPERATOR)
    public Response importYaml(String yaml) throws JsonProcessingException {
        DeploymentView created = deployments.create(YamlDeployments.read(yaml));
        return Response.created(URI.create("/api/v1/deployments/" + created.id())).entity(created).build();
    }
}
