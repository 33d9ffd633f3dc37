package org.staypuft.listener.answerfile;

import java.net.URI;
import java.security.Principal;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.staypuft.events.ApiRoles;
import org.staypuft.kit.problem.ProblemBody;

/**
 * The client installer's answer file, made for an operator (and the CLI's {@code staypuft answer-file}), and the
 * instructions for using it.
 */
@Path(AnswerFileResource.PATH)
@SecurityRequirement(name = ApiRoles.JWT_SCHEME)
@Tag(name = "Answer files", description = "Answer files of the client installer, for hosts Staypuft cannot provision")
public class AnswerFileResource {

    static final String PATH = "/api/v1/answer-files";
    private static final String TEXT = MediaType.TEXT_PLAIN + ";charset=UTF-8";

    @Inject
    AnswerFiles answerFiles;

    @Context
    UriInfo uriInfo;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(TEXT)
    @RolesAllowed(ApiRoles.OPERATOR)
    @Operation(summary = "Make an answer file", description = "Creates a registration token and answers the client "
            + "installer's answer file (registration_url, registration_token, proxy_public_key, puppet_server, "
            + "ssh_user) as text. The token is in this answer only. Every field of the body is optional; no body "
            + "gives the configured defaults.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnswerFileRequestSchema.class)))
    @APIResponse(responseCode = "201", description = "The answer file; Location names the registration token", content = @Content(mediaType = MediaType.TEXT_PLAIN))
    @APIResponse(responseCode = "400", description = "An invalid field, named in the answer", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProblemBody.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer JWT")
    @APIResponse(responseCode = "403", description = "The JWT lacks the operator role")
    @APIResponse(responseCode = "503", description = "The proxy's public key is not available (yet); no token was created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProblemBody.class)))
    public Response make(byte[] body, @Context SecurityContext security) {
        AnswerFileRequest request = AnswerFileRequest.read(body);
        Principal caller = security.getUserPrincipal();
        AnswerFile file = answerFiles.make(request, uriInfo.getBaseUri(), caller == null ? null : caller.getName());
        return Response.created(URI.create("/api/v1/registration-tokens/" + file.token().id()))
                .type(TEXT)
                // It holds a secret: no cache keeps it.
                .header("Cache-Control", "no-store")
                .header("Content-Disposition", "attachment; filename=\"" + AnswerFile.FILE_NAME + "\"")
                .entity(file.render())
                .build();
    }

    @GET
    @Path("/instructions")
    @Produces(TEXT)
    @RolesAllowed({ApiRoles.VIEWER, ApiRoles.OPERATOR})
    @Operation(summary = "How to register hosts with the client installer", description = "Make an answer file, "
            + "copy it and the installer to the host, run it as root, and what success looks like.")
    @APIResponse(responseCode = "200", description = "The instructions", content = @Content(mediaType = MediaType.TEXT_PLAIN))
    @APIResponse(responseCode = "401", description = "No valid bearer JWT")
    @APIResponse(responseCode = "403", description = "The JWT has neither the viewer nor the operator role")
    public String instructions() {
        return InstallerInstructions.text(answerFiles.listenerUrl(uriInfo.getBaseUri()), answerFiles.puppetServer(),
                answerFiles.sshUser());
    }

    /** The documented shape of a request. */
    @Schema(name = "AnswerFileRequest")
    public record AnswerFileRequestSchema(
            @Schema(description = "ISO-8601 lifetime of the registration token, P7D when absent", example = "P7D") String ttl,
            @Schema(description = "What the token is for; default: who made the file", example = "rack 4") String description,
            @Schema(description = "The puppet server, host[:port]; default staypuft.listener.puppet-server", example = "puppet.example.com:8140") String puppetServer,
            @Schema(description = "Whose authorized_keys gets the proxy's key; default staypuft.listener.ssh-user", example = "root") String sshUser,
            @Schema(description = "The registration URL as the hosts reach it; default staypuft.listener.public-url (else this request's URL) + /api/v1/registrations", example = "https://staypuft.example.com:8081/api/v1/registrations") String registrationUrl) {
    }
}
