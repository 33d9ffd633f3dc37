package org.staypuft.listener.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.jboss.logging.Logger;
import org.staypuft.listener.metrics.IntakeMetrics;
import org.staypuft.listener.request.ApiError;
import org.staypuft.listener.request.RefusedException;

/** Answers a refused request with its status and {@link ApiError}, and counts the refusal by reason. */
@Provider
public class RefusedExceptionMapper implements ExceptionMapper<RefusedException> {

    private static final Logger LOG = Logger.getLogger(RefusedExceptionMapper.class);

    @Inject
    IntakeMetrics metrics;

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(RefusedException refused) {
        String path = uriInfo.getPath();
        metrics.refused(path, refused.reason());
        LOG.debugf("Refused %s (%d %s): %s", path, refused.status(), refused.reason(), refused.getMessage());
        Response.ResponseBuilder answer = Response.status(refused.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(refused.getMessage(), refused.field()));
        if (refused.status() == Response.Status.UNAUTHORIZED.getStatusCode()) {
            // RFC 6750: tell the client which scheme we expect.
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"staypuft-registration\"");
        }
        return answer.build();
    }
}
