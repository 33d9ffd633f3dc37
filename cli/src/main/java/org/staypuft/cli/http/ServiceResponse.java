package org.staypuft.cli.http;

import org.staypuft.cli.CliException;
import org.staypuft.cli.ExitCode;
import org.staypuft.cli.Output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/** A successful answer of a service. */
public record ServiceResponse(Service service, int status, String contentType, String body) {

    public JsonNode json() {
        if (body == null || body.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return Output.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCode.SERVICE, "the " + service.displayName()
                    + " answered with something that is not JSON (" + contentType + "): " + ErrorBodies.excerpt(body));
        }
    }
}
