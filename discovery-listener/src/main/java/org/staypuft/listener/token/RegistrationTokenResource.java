package org.staypuft.listener.token;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.staypuft.events.ApiRoles;
import org.staypuft.kit.problem.ProblemBody;
import org.staypuft.listener.request.JsonBodies;
import org.staypuft.listener.request.RefusedException;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Operator endpoints for registration tokens: operators only, listing included (descriptions name deployments). */
@Path("/api/v1/registration-tokens")
@RolesAllowed(ApiRoles.OPERATOR)
@SecurityScheme(securitySchemeName = ApiRoles.JWT_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT", description = "An operator's JWT, roles in the groups claim")
@SecurityRequirement(name = ApiRoles.JWT_SCHEME)
@APIResponse(responseCode = "401", description = "No valid bearer JWT")
@APIResponse(responseCode = "403", description = "The JWT lacks the operator role")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Registration tokens", description = "Tokens that authorise hosts to register (operators)")
public class RegistrationTokenResource {

    @Inject
    RegistrationTokenService tokens;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Create a registration token", description = "The token is in this answer only; "
            + "Staypuft keeps its hash. ttl is an ISO-8601 duration, P7D when absent.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreateTokenRequest.class)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = IssuedToken.class)))
    @APIResponse(responseCode = "400", description = "Invalid description or ttl", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    public Response create(byte[] body) {
        ObjectNode request = JsonBodies.object(body);
        JsonBodies.onlyFields(request, TokenRequestFields.TOKEN_FIELDS);
        IssuedToken issued = tokens.issue(TokenRequestFields.requiredDescription(request),
                TokenRequestFields.ttl(request), TokenRequestFields.maxHosts(request));
        return Response.created(URI.create("/api/v1/registration-tokens/" + issued.id())).entity(issued).build();
    }

    @GET
    @Operation(summary = "List registration tokens, newest first (never their secrets)")
    @APIResponse(responseCode = "200", description = "The tokens", content = @Content(schema = @Schema(implementation = TokenView.class, type = SchemaType.ARRAY)))
    public List<TokenView> list() {
        return tokens.list();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a registration token", description = "Hosts can no longer register with it. "
            + "Revoking a revoked token changes nothing.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such token", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    public Response revoke(@PathParam("id") String id) {
        UUID tokenId = parseId(id);
        if (tokenId == null || tokens.revoke(tokenId).isEmpty()) {
            throw new RefusedException(404, "id", "unknown-token", "no registration token " + shorten(id));
        }
        return Response.noContent().build();
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    /** The documented shape of a creation request. */
    @Schema(name = "CreateTokenRequest")
    public record CreateTokenRequest(
            @Schema(required = true, description = "What the token is for", example = "lab deployment, rack 4") String description,
            @Schema(description = "ISO-8601 lifetime, P7D when absent", example = "P7D") String ttl) {
    }
}
