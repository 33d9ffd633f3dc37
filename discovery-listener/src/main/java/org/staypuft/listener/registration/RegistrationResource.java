package org.staypuft.listener.registration;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.staypuft.kit.problem.ProblemBody;
import org.staypuft.listener.facts.FactsNormalizer;
import org.staypuft.listener.facts.HostIds;
import org.staypuft.listener.host.HostArrival;
import org.staypuft.listener.host.HostIntakeService;
import org.staypuft.listener.host.IntakeOutcome;
import org.staypuft.listener.host.IntakeResult;
import org.staypuft.listener.metrics.IntakeMetrics;
import org.staypuft.listener.request.JsonBodies;
import org.staypuft.listener.request.RefusedException;
import org.staypuft.listener.token.RegistrationTokenService;

/**
 * Registration of hosts Staypuft cannot provision (scenario 2 of the design): the client installer sends the
 * host's name, address, MAC and SSH host keys with the token from its answer file.
 */
@Path(RegistrationResource.PATH)
@Tag(name = "Registration", description = "Hosts registering themselves with a registration token")
@SecurityScheme(securitySchemeName = "registration-token", type = SecuritySchemeType.HTTP, scheme = "bearer", description = "A registration token created by an operator")
public class RegistrationResource {

    /** Where the client installer registers; answer files carry it as {@code registration_url}. */
    public static final String PATH = "/api/v1/registrations";

    @Inject
    RegistrationTokenService tokens;

    @Inject
    FactsNormalizer normalizer;

    @Inject
    HostIntakeService intake;

    @Inject
    IntakeMetrics metrics;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "registration-token")
    @Operation(summary = "Register a host", description = "Publishes host.registered for a new host and again when a known host sends different "
            + "content (the token authenticates its new SSH host keys), nothing when it sends the same again.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RegistrationRequest.class)))
    @APIResponse(responseCode = "201", description = "A new host", content = @Content(schema = @Schema(implementation = RegisteredHostResponse.class)))
    @APIResponse(responseCode = "200", description = "A known host: updated or unchanged", content = @Content(schema = @Schema(implementation = RegisteredHostResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or an invalid field, named in the answer", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    @APIResponse(responseCode = "401", description = "No, unknown, expired or revoked registration token", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    @APIResponse(responseCode = "403", description = "The host was registered with another token, or the token's maxHosts are bound to other hosts: nothing changes", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    @APIResponse(responseCode = "409", description = "The MAC belongs to a built host (no token is bound to it) and the registration claims another kind, address or SSH host keys: nothing changes, host.identity-conflict is published; an operator decides", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    public Response register(@HeaderParam(RegistrationTokenService.AUTHORIZATION) String authorization,
            byte[] body) {
        // The token first: an unauthorised caller learns nothing about what we would accept.
        UUID tokenId = tokens.authorize(authorization);
        Registration registration = RegistrationReader.read(JsonBodies.object(body));
        HostArrival arrival = registration.toArrival(normalizer);
        // A built host has no token bound to it: registering its MAC needs an operator (issue 12). Checked before
        // the token is bound, so a refused registration binds nothing.
        refuseOnConflict(intake.refuseRegistrationOfBuiltHost(arrival));
        // A token registers its own hosts only: bound on first use (issue 12).
        tokens.bind(tokenId, HostIds.of(registration.mac()));
        IntakeResult result = intake.take(arrival);
        refuseOnConflict(result);
        metrics.accepted(IntakeMetrics.REGISTRATIONS, result.outcome().label());
        int status = result.outcome() == IntakeOutcome.CREATED ? 201 : 200;
        return Response.status(status).entity(RegisteredHostResponse.of(result)).build();
    }

    private static void refuseOnConflict(IntakeResult result) {
        if (result != null && result.outcome() == IntakeOutcome.CONFLICT) {
            // Nothing changed; the conflict was published for operators in the intake's transaction.
            throw new RefusedException(409, "mac", "identity-conflict", "host " + result.hostId() + ": "
                    + result.conflict());
        }
    }

    /** The documented shape of a registration. */
    @Schema(name = "RegistrationRequest")
    public record RegistrationRequest(
            @Schema(required = true, description = "RFC 1123 host name", example = "compute-1.example.com") String hostname,
            @Schema(required = true, description = "IPv4 or global IPv6 address", example = "192.0.2.21") String address,
            @Schema(required = true, description = "MAC of the NIC holding the address", example = "52:54:00:12:34:56") String mac,
            @Schema(required = true, description = "The host's SSH public keys, 'algorithm base64 [comment]' each "
                    + "(ssh-ed25519, ecdsa-sha2-nistp256/384/521, ssh-rsa)") List<String> sshHostKeys,
            @Schema(description = "Facter facts, optional") Map<String, Object> facts,
            @Schema(description = "How Staypuft's runner reaches the host, optional: {port: 1..65535, user: POSIX user "
                    + "name}; each part wins over the deployment role's ssh setting and the global default") Ssh ssh) {
    }

    /** The documented shape of a registration's SSH settings. */
    @Schema(name = "RegistrationSsh")
    public record Ssh(
            @Schema(description = "the port the host's sshd listens on, 1..65535", example = "2222") Integer port,
            @Schema(description = "the login user, a POSIX user name", example = "deploy") String user) {
    }
}
