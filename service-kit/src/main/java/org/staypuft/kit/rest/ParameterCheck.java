package org.staypuft.kit.rest;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.staypuft.kit.problem.InputText;

/**
 * Path and query parameters hold no NUL or control character ({@link InputText}): refused with 400 naming the
 * parameter before any resource runs (PostgreSQL refuses NUL in text; a 500 would be the answer otherwise).
 */
public class ParameterCheck {

    @ServerRequestFilter
    public void check(ContainerRequestContext request) {
        checkAll(request.getUriInfo().getPathParameters(true));
        checkAll(request.getUriInfo().getQueryParameters(true));
    }

    private static void checkAll(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            InputText.checkName(parameter.getKey(), parameter.getKey());
            for (String value : parameter.getValue()) {
                InputText.checkName(parameter.getKey(), value);
            }
        }
    }
}
