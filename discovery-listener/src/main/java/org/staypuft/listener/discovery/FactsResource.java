package org.staypuft.listener.discovery;

import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.staypuft.events.host.HostSnapshot;
import org.staypuft.kit.problem.ProblemBody;
import org.staypuft.listener.facts.Facts;
import org.staypuft.listener.facts.FactsNormalizer;
import org.staypuft.listener.facts.MacAddress;
import org.staypuft.listener.host.HostArrival;
import org.staypuft.listener.host.HostIntakeService;
import org.staypuft.listener.host.IntakeOutcome;
import org.staypuft.listener.host.IntakeResult;
import org.staypuft.listener.metrics.IntakeMetrics;
import org.staypuft.listener.request.JsonBodies;
import org.staypuft.listener.request.RefusedException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * Foreman's discovery endpoint, so that an unmodified Foreman Discovery Image (directly or through its smart proxy)
 * can be pointed at Staypuft.
 */
@Path("/api/v2/discovered_hosts")
@Tag(name = "Discovery", description = "Fact uploads of the Foreman Discovery Image")
public class FactsResource {

    @Inject
    FactsNormalizer normalizer;

    @Inject
    HostIntakeService intake;

    @Inject
    IntakeMetrics metrics;

    @Inject
    FactsRateLimit rateLimit;

    @POST
    @Path("/facts")
    // Any content type: the body is always read as JSON, as Foreman does for the image.
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload the facts of a host booted into the discovery image", description = "Body: {\"facts\": {...}} as facter reports them. The host is identified by its boot MAC "
            + "(discovery_bootif, else macaddress) and needs an address (discovery_bootip, ipaddress or "
            + "ipaddress6). The first upload publishes host.discovered, a changed one host.facts-updated, "
            + "the same facts again nothing.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FactsUpload.class)))
    @APIResponse(responseCode = "201", description = "A new host", content = @Content(schema = @Schema(implementation = DiscoveredHostResponse.class)))
    @APIResponse(responseCode = "200", description = "A known host: facts updated or unchanged", content = @Content(schema = @Schema(implementation = DiscoveredHostResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, no facts object, missing or invalid MAC or "
            + "address", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    @APIResponse(responseCode = "409", description = "The MAC belongs to a registered host and the upload claims another kind, address or SSH host keys: nothing changes, host.identity-conflict is published", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    @APIResponse(responseCode = "413", description = "The body is larger than 1 MiB", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    @APIResponse(responseCode = "429", description = "Too many uploads from this address (staypuft.listener.intake.*), or a new host beyond the cap on discovered hosts: nothing is recorded", content = @Content(mediaType = ProblemBody.MEDIA_TYPE, schema = @Schema(implementation = ProblemBody.class)))
    public Response upload(byte[] body, @Context HttpServerRequest request) {
        rateLimit.take(sourceOf(request));
        ObjectNode facts = factsOf(JsonBodies.object(body));
        Facts readable = new Facts(facts);
        HostSnapshot snapshot = normalizer.discovered(readable);
        IntakeResult result = intake.take(HostArrival.discovered(new MacAddress(snapshot.mac()), snapshot, facts));
        if (result.outcome() == IntakeOutcome.CONFLICT) {
            // Nothing changed; the conflict was published for operators in the intake's transaction.
            throw new RefusedException(409, "facts", "identity-conflict", "host " + result.hostId() + ": "
                    + result.conflict());
        }
        metrics.accepted(IntakeMetrics.FACTS, result.outcome().label());
        int status = result.outcome() == IntakeOutcome.CREATED ? 201 : 200;
        return Response.status(status).entity(DiscoveredHostResponse.of(result)).build();
    }

    private static String sourceOf(HttpServerRequest request) {
        SocketAddress remote = request == null ? null : request.remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }

    private static ObjectNode factsOf(ObjectNode body) {
        // The facts themselves are free-form (whatever facter reports); the envelope is not. Foreman's older
        // uploads also send the host's name, which we ignore.
        JsonBodies.onlyFields(body, java.util.Set.of("facts", "name"));
        JsonNode facts = body.get("facts");
        if (facts == null || facts.isNull()) {
            throw RefusedException.badRequest("facts", "missing-facts",
                    "the body has no facts object: expected {\"facts\": {...}}");
        }
        if (!facts.isObject()) {
            throw RefusedException.badRequest("facts", "missing-facts",
                    "facts must be a JSON object, not " + facts.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return (ObjectNode) facts;
    }

    /** The documented shape of an upload. */
    @Schema(name = "FactsUpload")
    public record FactsUpload(
            @Schema(required = true, description = "Fact name to value, as facter reports them", example = "{\"discovery_bootif\": \"52:54:00:12:34:56\", \"ipaddress\": \"192.0.2.10\"}") Map<String, Object> facts) {
    }
}
