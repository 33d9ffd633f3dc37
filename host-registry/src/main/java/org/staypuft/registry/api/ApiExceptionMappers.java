package org.staypuft.registry.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.staypuft.registry.inventory.HostNotFoundException;

/** Turns the API's failures into answers with an {@link ApiError} body. */
public class ApiExceptionMappers {

    @ServerExceptionMapper
    public RestResponse<ApiError> invalidParameter(InvalidParameterException e) {
        return RestResponse.ResponseBuilder.create(Response.Status.BAD_REQUEST, e.toError())
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> hostNotFound(HostNotFoundException e) {
        return notFound(e.getMessage());
    }

    static RestResponse<ApiError> notFound(String message) {
        return RestResponse.ResponseBuilder.create(Response.Status.NOT_FOUND, ApiError.of(404, message))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
