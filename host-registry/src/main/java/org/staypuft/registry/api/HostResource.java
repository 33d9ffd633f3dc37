package org.staypuft.registry.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.staypuft.events.ApiRoles;
import org.staypuft.kit.problem.ProblemBody;
import org.staypuft.kit.problem.ProblemException;
import org.staypuft.registry.config.RegistryConfig;
import org.staypuft.registry.facts.HostFacts;
import org.staypuft.registry.identity.IdentityConflictRepository;
import org.staypuft.registry.identity.OperatorIdentityService;
import org.staypuft.registry.inventory.HostInventoryService;
import org.staypuft.registry.inventory.HostKinds;
import org.staypuft.registry.inventory.HostNotFoundException;
import org.staypuft.registry.inventory.HostPage;

/**
 * The inventory: hosts with filters and paging, one host, the raw facts and refused identity claims of a host, for
 * viewers and operators (bearer JWT); the operator's identity actions (accept a refused claim, convert a host between
 * discovered and registered), for operators only.
 */
@Path("/api/v1/hosts")
@RolesAllowed({ApiRoles.VIEWER, ApiRoles.OPERATOR})
@APIResponse(responseCode = "401", description = "No valid bearer JWT")
@APIResponse(responseCode = "403", description = "The JWT has neither the viewer nor the operator role")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Hosts", description = "The host inventory")
public class HostResource {

    /** Response header with the number of matching hosts in all pages. */
    public static final String TOTAL_COUNT_HEADER = "X-Total-Count";
    /** Response header with the SHA-256 digest of the raw facts. */
    public static final String FACTS_DIGEST_HEADER = "X-Facts-Digest";

    @Inject
    HostInventoryService inventory;

    @Inject
    RegistryConfig config;

    @Inject
    IdentityConflictRepository conflicts;

    @Inject
    OperatorIdentityService operatorIdentity;

    @Inject
    JsonWebToken caller;

    /** Conflicts listed per host, newest first. */
    static final int MAX_CONFLICTS = 50;

    @GET
    @Operation(summary = "List hosts", description = "Hosts matching every given filter, ordered by id.")
    @APIResponse(responseCode = "200", description = "One page of hosts", headers = @Header(name = TOTAL_COUNT_HEADER, description = "hosts matching the filters, in all pages", schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "400", description = "A parameter has a value the API does not accept", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    public RestResponse<HostPageView> list(
            @Parameter(description = "free, assigned, deploying, deployed or failed") @QueryParam("state") String state,
            @Parameter(description = "discovered or registered") @QueryParam("kind") String kind,
            @Parameter(description = "deployment id") @QueryParam("deployment") String deployment,
            @Parameter(description = "role name, e.g. Controller") @QueryParam("role") String role,
            @Parameter(description = "zero-based page number, default 0") @QueryParam("page") String page,
            @Parameter(description = "hosts per page, default 50, at most 500") @QueryParam("size") String size) {
        HostListRequest request = HostListRequest.parse(state, kind, deployment, role, page, size, config.api());
        HostPage found = inventory.search(request.filter(), request.page(), request.size());
        return RestResponse.ResponseBuilder.ok(HostPageView.of(found))
                .header(TOTAL_COUNT_HEADER, found.total()).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get a host")
    @APIResponse(responseCode = "200", description = "The host", content = @Content(schema = @Schema(implementation = HostView.class)))
    @APIResponse(responseCode = "404", description = "No such host", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    public HostView get(@PathParam("id") String id) {
        return inventory.find(id).map(HostView::of).orElseThrow(() -> new HostNotFoundException(id));
    }

    @GET
    @Path("{id}/identity-conflicts")
    @Transactional
    @Operation(summary = "Refused identity claims of a host", description = "Facts uploads that claimed another kind, address or SSH host keys for this registered, assigned or built host and changed nothing (host.identity-conflict), newest first, at most 50.")
    @APIResponse(responseCode = "200", description = "The conflicts, newest first", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = IdentityConflictView.class)))
    @APIResponse(responseCode = "404", description = "No such host", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    public java.util.List<IdentityConflictView> identityConflicts(@PathParam("id") String id) {
        if (inventory.find(id).isEmpty()) {
            throw new HostNotFoundException(id);
        }
        return conflicts.latestOf(id, MAX_CONFLICTS).stream().map(IdentityConflictView::of).toList();
    }

    @POST
    @Path("{id}/identity-conflicts/{conflictId}/accept")
    @RolesAllowed(ApiRoles.OPERATOR)
    @Operation(summary = "Accept a refused identity claim", description = "The claim's address and SSH host keys become the host's (kind and deployment stay); the conflict is accepted, the host's older open ones superseded. Publishes host.identity-changed (source operator): the orchestrator's host view and the listener follow it, so the runner connects to the accepted address and checks the accepted keys.")
    @APIResponse(responseCode = "200", description = "The host as it now is", content = @Content(schema = @Schema(implementation = HostView.class)))
    @APIResponse(responseCode = "403", description = "The JWT has not the operator role")
    @APIResponse(responseCode = "404", description = "No such host, or the host has no such conflict", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    @APIResponse(responseCode = "409", description = "The conflict is no longer open (accepted or superseded): nothing changed", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    public HostView acceptIdentityConflict(@PathParam("id") String id,
            @Parameter(description = "eventId of the conflict, as GET .../identity-conflicts lists it") @PathParam("conflictId") String conflictId) {
        operatorIdentity.accept(id, conflictId, callerName());
        return get(id);
    }

    @POST
    @Path("{id}/conversion")
    @RolesAllowed(ApiRoles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Convert a host between discovered and registered", description = "For a host in no deployment: its kind changes, address and SSH host keys stay. A registered host is never provisioned (rebooted into an installer) and a discovery upload cannot change its identity; a discovered host that was never built takes its uploads' identity. Publishes host.identity-changed (source operator).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ConversionRequest.class)))
    @APIResponse(responseCode = "200", description = "The host as it now is", content = @Content(schema = @Schema(implementation = HostView.class)))
    @APIResponse(responseCode = "400", description = "kind missing or neither discovered nor registered", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    @APIResponse(responseCode = "403", description = "The JWT has not the operator role")
    @APIResponse(responseCode = "404", description = "No such host", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    @APIResponse(responseCode = "409", description = "The host already is of that kind, or is in a deployment: nothing changed", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    public HostView convert(@PathParam("id") String id, ConversionRequest request) {
        if (request == null || request.kind() == null) {
            throw ProblemException.invalid("kind", "kind is required: one of " + HostKinds.wireNames());
        }
        operatorIdentity.convert(id, HostKinds.fromWire(request.kind()).orElseThrow(() -> ProblemException
                .invalid("kind", "kind '" + request.kind() + "' is not one of " + HostKinds.wireNames())),
                callerName());
        return get(id);
    }

    /** The body of a conversion. */
    @Schema(name = "HostConversion")
    public record ConversionRequest(
            @Schema(required = true, enumeration = {
                    "discovered", "registered"}, description = "the kind the host is to have") String kind){
    }

    private String callerName() {
        String subject = caller.getSubject();
        return subject != null ? subject : caller.getName();
    }

    @GET
    @Path("{id}/facts")
    @Operation(summary = "Get the raw facts of a host", description = "The latest facts document the host uploaded, with every fact and value as sent.")
    @APIResponse(responseCode = "200", description = "The facts document", headers = @Header(name = FACTS_DIGEST_HEADER, description = "SHA-256 of the canonical facts"), content = @Content(schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "404", description = "No such host, or no facts recorded for it yet", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    public Response facts(@PathParam("id") String id) {
        HostFacts facts = inventory.rawFacts(id).orElse(null);
        if (facts == null) {
            return ApiExceptionMappers.notFound("No facts recorded yet for host '" + id + "'").toResponse();
        }
        return Response.ok(facts.getFacts(), MediaType.APPLICATION_JSON_TYPE)
                .header(FACTS_DIGEST_HEADER, facts.getFactsDigest())
                .build();
    }
}
