package org.staypuft.registry.api;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.staypuft.kit.problem.ProblemBody;
import org.staypuft.kit.proxykey.ProxyKeyUnavailableException;
import org.staypuft.kit.rest.ProblemMappers;
import org.staypuft.registry.classification.AmbiguousCertnameException;
import org.staypuft.registry.classification.ConfigurationNotReceivedException;
import org.staypuft.registry.inventory.HostNotFoundException;
import org.staypuft.registry.provisioning.InvalidBuildTokenException;
import org.staypuft.registry.provisioning.InvalidCallbackException;
import org.staypuft.registry.templates.TemplateRenderingException;
import org.staypuft.registry.templates.TemplateValueException;

/**
 * The registry's refusals as the kit's one error body ({@link ProblemBody}, {@code application/problem+json});
 * unreadable bodies, bad parameters and the REST layer's own refusals are the kit's {@link ProblemMappers}.
 */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    @ServerExceptionMapper
    public Response hostNotFound(HostNotFoundException e) {
        return answer(ProblemBody.of(404, "id", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response ambiguousCertname(AmbiguousCertnameException e) {
        return answer(ProblemBody.of(409, "certname", e.getMessage()));
    }

    /** Temporary: the deployment's configuration is on its way; Puppet's lookup fails until then. */
    @ServerExceptionMapper
    public Response configurationNotReceived(ConfigurationNotReceivedException e) {
        return answer(ProblemBody.of(503, null, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response invalidBuildToken(InvalidBuildTokenException e) {
        return answer(ProblemBody.of(403, "token", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response invalidCallback(InvalidCallbackException e) {
        return answer(ProblemBody.of(400, e.field(), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response templateValue(TemplateValueException e) {
        LOG.warn(e.getMessage());
        return answer(ProblemBody.of(409, null, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response templateRendering(TemplateRenderingException e) {
        LOG.error(e.getMessage());
        return answer(ProblemBody.of(500, null, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response proxyKeyUnavailable(ProxyKeyUnavailableException e) {
        LOG.warn(e.getMessage());
        return answer(ProblemBody.of(503, null, e.getMessage()));
    }

    static RestResponse<ProblemBody> notFound(String message) {
        return RestResponse.ResponseBuilder.create(Response.Status.NOT_FOUND, ProblemBody.of(404, null, message))
                .type(ProblemBody.MEDIA_TYPE).build();
    }

    private static Response answer(ProblemBody body) {
        return ProblemMappers.answer(body).build();
    }
}
