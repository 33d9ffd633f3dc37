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
import org.staypuft.orchestrator.api.DiscoveryRuleSpec;
import org.staypuft.orchestrator.api.DiscoveryRuleView;
import org.staypuft.orchestrator.api.RuleTrial;
import org.staypuft.orchestrator.discovery.DiscoveryRuleService;

/** Discovery rules (ADR 0018): create, read, update, delete, enable, disable, and a trial that assigns nothing. */
@Path("/api/v1/discovery-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DiscoveryRuleResource {

    @Inject
    DiscoveryRuleService rules;

    @GET
    @RolesAllowed({ApiRoles.VIEWER, ApiRoles.OPERATOR})
    public List<DiscoveryRuleView> list() {
        return rules.list();
    }

    @POST
    @RolesAllowed(ApiRoles.OPERATOR)
    public Response create(DiscoveryRuleSpec spec) {
        DiscoveryRuleView created = rules.create(spec);
        return Response.created(URI.create("/api/v1/discovery-rules/" + created.name())).entity(created).build();
    }

    @GET
    @Path("{name}")
    @RolesAllowed({ApiRoles.VIEWER, ApiRoles.OPERATOR})
    public DiscoveryRuleView get(@PathParam("name") String name) {
        return rules.get(name);
    }

    @PUT
    @Path("{name}")
    @RolesAllowed(ApiRoles.OPERATOR)
    public DiscoveryRuleView update(@PathParam("name") String name, DiscoveryRuleSpec spec) {
        return rules.update(name, spec);
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed(ApiRoles.OPERATOR)
    public Response delete(@PathParam("name") String name) {
        rules.delete(name);
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/enable")
    @RolesAllowed(ApiRoles.OPERATOR)
    public DiscoveryRuleView enable(@PathParam("name") String name) {
        return rules.enable(name, true);
    }

    @POST
    @Path("{name}/disable")
    @RolesAllowed(ApiRoles.OPERATOR)
    public DiscoveryRuleView disable(@PathParam("name") String name) {
        return rules.enable(name, false);
    }

    /** What the rule would take from the current inventory; assigns nothing, so viewers may ask. */
    @POST
    @Path("{name}/test")
    @RolesAllowed({ApiRoles.VIEWER, ApiRoles.OPERATOR})
    public RuleTrial test(@PathParam("name") String name) {
        return rules.trial(name);
    }
}
