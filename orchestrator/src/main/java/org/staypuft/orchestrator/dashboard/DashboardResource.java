package org.staypuft.orchestrator.dashboard;

import java.net.URI;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/**
 * The dashboard page: deployments, a run's role graph and hosts, live. The page and its script are public; the data
 * comes from the API with the bearer token the browser holds (see {@code dashboard.js}), so nothing here needs it.
 */
@Path("/")
@PermitAll
public class DashboardResource {

    @Inject
    Template dashboard;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev")
    String version;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response root() {
        // Relative: still right when the service sits under a path prefix.
        return Response.seeOther(URI.create("dashboard")).build();
    }

    @GET
    @Path("dashboard")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The dashboard page (HTML); its data comes from this API with the caller's token")
    public TemplateInstance page() {
        // The version in the asset URLs makes browsers fetch the script and styles of a new release.
        return dashboard.data("version", version);
    }
}
