package org.staypuft.kit.rest;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.staypuft.kit.problem.ProblemBody;

/**
 * Documents the refusals every operation can give, where its resource did not: 400 (a parameter or the body is
 * refused by the one input rule), 404 for an operation with path parameters (unknown id), 413 and 415 for one with a
 * body, 401 and 403 for a secured one; each with the one problem body. The endpoint attack test holds every answer
 * to this document. Enabled with {@code mp.openapi.filter=org.staypuft.kit.rest.ProblemResponses}.
 */
public class ProblemResponses implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        if (openAPI.getComponents().getSchemas() == null
                || !openAPI.getComponents().getSchemas().containsKey("Problem")) {
            openAPI.getComponents().addSchema("Problem", OASFactory.createSchema()
                    .description("RFC 9457 problem details: type, title, status, detail, field, errors, allowed"));
        }
        boolean globallySecured = openAPI.getSecurity() != null && !openAPI.getSecurity().isEmpty();
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            boolean hasPathParameters = path.getKey().contains("{");
            for (Operation operation : path.getValue().getOperations().values()) {
                if (operation.getResponses() == null) {
                    operation.setResponses(OASFactory.createAPIResponses());
                }
                APIResponses responses = operation.getResponses();
                add(responses, "400", "Invalid request: a parameter or the body is refused (the field is named)");
                if (hasPathParameters) {
                    add(responses, "404", "Not found: no such resource");
                }
                if (operation.getRequestBody() != null) {
                    add(responses, "413", "The body is larger than the service accepts");
                    add(responses, "415", "The body's media type is not accepted");
                }
                boolean secured = operation.getSecurity() != null
                        ? !operation.getSecurity().isEmpty()
                        : globallySecured;
                if (secured) {
                    add(responses, "401", "No valid bearer JWT for this service");
                    add(responses, "403", "The JWT lacks the role");
                }
            }
        }
    }

    private static void add(APIResponses responses, String status, String description) {
        if (responses.hasAPIResponse(status)) {
            return;
        }
        responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(ProblemBody.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema()
                                .ref("#/components/schemas/Problem")))));
    }

}
