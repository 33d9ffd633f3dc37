package org.staypuft.listener.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.jboss.logging.Logger;
import org.staypuft.kit.rest.ProblemMappers;
import org.staypuft.listener.metrics.IntakeMetrics;
import org.staypuft.listener.request.RefusedException;

/** Counts a refused request by reason, then answers with the kit's one error body. */
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
        return new ProblemMappers().problem(refused);
    }
}
