package org.staypuft.webhooks.api;

import java.net.URI;
import java.util.List;

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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.staypuft.events.ApiRoles;
import org.staypuft.kit.problem.ProblemBody;
import org.staypuft.webhooks.delivery.DeliveryService;
import org.staypuft.webhooks.delivery.DeliveryView;
import org.staypuft.webhooks.subscription.CreateWebhook;
import org.staypuft.webhooks.subscription.CreatedWebhook;
import org.staypuft.webhooks.subscription.SubscriptionService;
import org.staypuft.webhooks.subscription.WebhookView;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Webhook subscriptions and their deliveries: operators only, reading included (a subscription's URL and filter tell
 * where Staypuft's events go).
 */
@Path("/api/v1/webhooks")
@RolesAllowed(ApiRoles.OPERATOR)
@SecurityScheme(securitySchemeName = ApiRoles.JWT_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT", description = "An operator's JWT, roles in the groups claim")
@SecurityRequirement(name = ApiRoles.JWT_SCHEME)
@APIResponse(responseCode = "401", description = "No valid bearer JWT")
@APIResponse(responseCode = "403", description = "The JWT lacks the operator role")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks", description = "Events delivered as CloudEvents over HTTP (operators)")
public class WebhookResource {

    @Inject
    SubscriptionService subscriptions;

    @Inject
    DeliveryService deliveries;

    @Inject
    SecurityIdentity identity;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe a URL to event types", description = "The secret (given or generated) is in "
            + "this answer only; every delivery is signed with it (Staypuft-Signature, docs/adr/0019-webhooks.md).")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = CreatedWebhook.class)))
    @APIResponse(responseCode = "400", description = "Invalid url, eventTypes, deploymentId or secret", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    public Response create(CreateWebhook request) {
        CreatedWebhook created = subscriptions.create(request, identity.getPrincipal().getName());
        return Response.created(URI.create("/api/v1/webhooks/" + created.id())).entity(created).build();
    }

    @GET
    @Operation(summary = "List the subscriptions, newest first (never their secrets)")
    @APIResponse(responseCode = "200", description = "The subscriptions", content = @Content(schema = @Schema(implementation = WebhookView.class, type = SchemaType.ARRAY)))
    public List<WebhookView> list() {
        return subscriptions.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One subscription (never its secret)")
    @APIResponse(responseCode = "200", description = "The subscription", content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "404", description = "No such webhook", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    public WebhookView get(@PathParam("id") String id) {
        return subscriptions.get(id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a subscription", description = "Its deliveries go with it; pending ones are not sent.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such webhook", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    public Response delete(@PathParam("id") String id) {
        subscriptions.delete(id);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "The subscription's latest deliveries, newest first", description = "At most 200: state "
            + "(PENDING, DELIVERED, DEAD), attempts, the receiver's last HTTP status or error, the next attempt.")
    @APIResponse(responseCode = "200", description = "The deliveries", content = @Content(schema = @Schema(implementation = DeliveryView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "No such webhook", content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    public List<DeliveryView> deliveries(@PathParam("id") String id) {
        return deliveries.latest(subscriptions.find(id).id);
    }
}
