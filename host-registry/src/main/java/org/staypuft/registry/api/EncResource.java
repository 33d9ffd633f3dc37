package org.staypuft.registry.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.staypuft.registry.classification.EncYaml;
import org.staypuft.registry.classification.NodeClassifier;

/**
 * Puppet's External Node Classifier, as HTTP. The puppet server calls it through {@code staypuft-enc}, the script of
 * its {@code exec} node terminus; any answer but 200 makes that script, and so the catalog request, fail.
 */
@Path("/api/v1/enc")
@Tag(name = "Node classification", description = "Puppet's External Node Classifier")
public class EncResource {

    public static final String YAML = "text/yaml";
    private static final MediaType YAML_TYPE = MediaType.valueOf(YAML);

    @Inject
    NodeClassifier classifier;

    @GET
    @Path("{certname}")
    @Produces({YAML, MediaType.APPLICATION_JSON})
    @Operation(summary = "Classify a node", description = "environment, classes (puppet_management with its runmode, "
            + "then the role's classes) and parameters (the deployment's, the role's, then staypuft_*), as the YAML "
            + "Puppet's exec node terminus reads.")
    @APIResponse(responseCode = "200", description = "The classification", content = @Content(mediaType = YAML))
    @APIResponse(responseCode = "404", description = "No host has this certname", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Several hosts have this name", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "The host's deployment configuration (or its role in it) has not arrived yet; it is needed outside the discovery environment", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response classify(
            @Parameter(description = "the agent's certname: a host id, or a host's name (mac... for a discovered host, "
                    + "the hostname of a registered one)") @PathParam("certname") String certname) {
        return classifier.classify(certname)
                .map(classification -> Response.ok(EncYaml.write(classification), YAML_TYPE).build())
                .orElseGet(() -> ApiExceptionMappers.notFound("No host with certname '" + certname + "'")
                        .toResponse());
    }
}
