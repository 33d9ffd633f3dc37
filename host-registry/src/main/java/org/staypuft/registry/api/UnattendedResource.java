package org.staypuft.registry.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.staypuft.events.host.HostBuilt;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.kit.problem.ProblemBody;
import org.staypuft.registry.provisioning.BuildCallbackService;
import org.staypuft.registry.provisioning.UnattendedUrls;
import org.staypuft.registry.templates.ProvisioningTemplates;

/**
 * What a host being installed talks to, Foreman's URL shape: its kickstart or cloud-init user-data, and the built
 * callback. Each is authorised by the host's one-time build token, in the {@code token} query parameter or as
 * {@code Authorization: Bearer}.
 */
@Path(UnattendedUrls.ROOT)
@Tag(name = "Provisioning", description = "Templates and the built callback of hosts being installed")
public class UnattendedResource {

    private static final String BEARER = "Bearer ";

    @Inject
    ProvisioningTemplates templates;

    @Inject
    BuildCallbackService callbacks;

    @Context
    UriInfo uriInfo;

    /** The answer to a built callback. */
    @Schema(name = "BuiltHost")
    public record BuiltView(String hostId, List<SshHostKey> sshHostKeys) {
    }

    @GET
    @Path(UnattendedUrls.PROVISION)
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The host's kickstart")
    @APIResponse(responseCode = "200", description = "The rendered kickstart")
    @APIResponse(responseCode = "403", description = "Unknown, expired or used build token", content = @Content(mediaType = ProblemBody.MEDIA_TYPE, schema = @Schema(implementation = ProblemBody.class)))
    public String kickstart(@Parameter(description = "the build token") @QueryParam("token") String token,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return templates.render(ProvisioningTemplates.KICKSTART, token(token, authorization), uriInfo.getBaseUri());
    }

    @GET
    @Path(UnattendedUrls.USER_DATA)
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The host's cloud-init user-data")
    @APIResponse(responseCode = "200", description = "The rendered #cloud-config")
    @APIResponse(responseCode = "403", description = "Unknown, expired or used build token", content = @Content(mediaType = ProblemBody.MEDIA_TYPE, schema = @Schema(implementation = ProblemBody.class)))
    public String userData(@Parameter(description = "the build token") @QueryParam("token") String token,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return templates.render(ProvisioningTemplates.USER_DATA, token(token, authorization), uriInfo.getBaseUri());
    }

    @POST
    @Path(UnattendedUrls.BUILT)
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The host is installed", description = "Uses up the build token, ends build mode and "
            + "replaces the host's SSH host keys with the installed system's; publishes host.built.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, example = "{\"sshHostKeys\": [\"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA...\"]}"))
    @APIResponse(responseCode = "200", description = "Built", content = @Content(schema = @Schema(implementation = BuiltView.class)))
    @APIResponse(responseCode = "400", description = "The body lacks valid host keys; its field is named", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    @APIResponse(responseCode = "403", description = "Unknown, expired or used build token; nothing changed", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    public BuiltView built(@Parameter(description = "the build token") @QueryParam("token") String token,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        HostBuilt built = callbacks.built(token(token, authorization), body);
        return new BuiltView(built.hostId(), built.sshHostKeys());
    }

    /** The query parameter (what Foreman's templates use) or else the bearer token. */
    private static String token(String query, String authorization) {
        if (query != null && !query.isBlank()) {
            return query.strip();
        }
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).strip();
        }
        return null;
    }
}
