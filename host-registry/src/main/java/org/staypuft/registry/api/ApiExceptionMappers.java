package org.staypuft.registry.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.staypuft.kit.proxykey.ProxyKeyUnavailableException;
import org.staypuft.registry.classification.AmbiguousCertnameException;
import org.staypuft.registry.classification.ConfigurationNotReceivedException;
import org.staypuft.registry.inventory.HostNotFoundException;
import org.staypuft.registry.provisioning.InvalidBuildTokenException;
import org.staypuft.registry.provisioning.InvalidCallbackException;
import org.staypuft.registry.templates.TemplateRenderingException;
import org.staypuft.registry.templates.TemplateValueException;

/** Turns the API's failures into answers with an {@link ApiError} body. */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    @ServerExceptionMapper
    public RestResponse<ApiError> invalidParameter(InvalidParameterException e) {
        return RestResponse.ResponseBuilder.create(Response.Status.BAD_REQUEST, e.toError())
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> hostNotFound(HostNotFoundException e) {
        return notFound(e.getMessage());
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> ambiguousCertname(AmbiguousCertnameException e) {
        return answer(Response.Status.CONFLICT, ApiError.of(409, e.getMessage()));
    }

    /** Temporary: the deployment's configuration is on its way; Puppet's lookup fails until then. */
    @ServerExceptionMapper
    public RestResponse<ApiError> configurationNotReceived(ConfigurationNotReceivedException e) {
        return answer(Response.Status.SERVICE_UNAVAILABLE, ApiError.of(503, e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> invalidBuildToken(InvalidBuildTokenException e) {
        return answer(Response.Status.FORBIDDEN, ApiError.of(403, e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> invalidCallback(InvalidCallbackException e) {
        return answer(Response.Status.BAD_REQUEST, new ApiError(400, e.getMessage(), e.field(), null));
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> templateValue(TemplateValueException e) {
        LOG.warn(e.getMessage());
        return answer(Response.Status.CONFLICT, ApiError.of(409, e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> templateRendering(TemplateRenderingException e) {
        LOG.error(e.getMessage());
        return answer(Response.Status.INTERNAL_SERVER_ERROR, ApiError.of(500, e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> proxyKeyUnavailable(ProxyKeyUnavailableException e) {
        LOG.warn(e.getMessage());
        return answer(Response.Status.SERVICE_UNAVAILABLE, ApiError.of(503, e.getMessage()));
    }

    static RestResponse<ApiError> notFound(String message) {
        return answer(Response.Status.NOT_FOUND, ApiError.of(404, message));
    }

    private static RestResponse<ApiError> answer(Response.Status status, ApiError error) {
        return RestResponse.ResponseBuilder.create(status, error).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
