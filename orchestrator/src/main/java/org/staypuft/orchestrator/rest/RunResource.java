package org.staypuft.orchestrator.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.staypuft.events.ApiRoles;
import org.staypuft.kit.problem.ProblemException;
import org.staypuft.orchestrator.api.RunViews;
import org.staypuft.orchestrator.config.OrchestratorConfig;
import org.staypuft.orchestrator.run.engine.RunService;
import org.staypuft.orchestrator.run.view.HostStepQuery;
import org.staypuft.orchestrator.run.view.RunChangeFeed;
import org.staypuft.orchestrator.run.view.RunQueries;

/**
 * Runs: watch (JSON with per-role counts, the hosts a page at a time, a live event stream), cancel, resume a paused
 * run, retry the failed hosts, skip a failed host.
 */
@Path("/api/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RunResource {

    /** @param reason why the operator skips the host; recorded with who did it */
    public record Skip(String reason) {
    }

    @Inject
    RunService runService;

    @Inject
    RunQueries queries;

    @Inject
    RunChangeFeed feed;

    @Inject
    Caller caller;

    @Inject
    OrchestratorConfig config;

    @GET
    @Path("{runId}")
    @RolesAllowed({ApiRoles.VIEWER, ApiRoles.OPERATOR})
    public RunViews.RunDetail get(@PathParam("runId") String runId) {
        return queries.detail(runId);
    }

    /**
     * The run's hosts a page at a time (a run may have 10,000), ordered by role then assignment order, optionally of
     * one role and/or in one status ({@code WAITING}, {@code RUNNING}, {@code SUCCEEDED}, {@code FAILED},
     * {@code SKIPPED}). {@code page} from 0; {@code size} 1 to {@code staypuft.orchestrator.api.max-page-size}
     * (default 1000), default {@code staypuft.orchestrator.api.default-page-size} (100). The total is in the body.
     */
    @GET
    @Path("{runId}/hosts")
    @RolesAllowed({ApiRoles.VIEWER, ApiRoles.OPERATOR})
    public RunViews.HostStepPage hosts(@PathParam("runId") String runId, @QueryParam("role") String role,
            @QueryParam("status") String status, @QueryParam("page") String page, @QueryParam("size") String size) {
        return queries.hosts(runId, HostStepQuery.parse(role, status, page, size, config.api()));
    }

    @GET
    @Path("{runId}/hosts/{hostId}")
    @RolesAllowed({ApiRoles.VIEWER, ApiRoles.OPERATOR})
    public RunViews.HostDetail host(@PathParam("runId") String runId, @PathParam("hostId") String hostId) {
        return queries.host(runId, hostId);
    }

    @POST
    @Path("{runId}/cancel")
    @RolesAllowed(ApiRoles.OPERATOR)
    public RunViews.RunDetail cancel(@PathParam("runId") String runId) {
        runService.cancel(runId, caller.name());
        return queries.detail(runId);
    }

    /**
     * Resumes a run that the wait limit paused (a host waited for a part of Staypuft longer than
     * {@code staypuft.orchestrator.wait-limit}): new hosts start again and the limit counts again from now. 409 when
     * the run is not paused.
     */
    @POST
    @Path("{runId}/resume")
    @RolesAllowed(ApiRoles.OPERATOR)
    public RunViews.RunDetail resume(@PathParam("runId") String runId) {
        runService.resumePaused(runId, caller.name());
        return queries.detail(runId);
    }

    /**
     * Approves a role that awaits an operator's approval (its policy's {@code approval.required}): records who and
     * when, and starts the role. 404 for an unknown run or role, 409 when the role does not await an approval
     * (already approved, not yet due, or the run ended).
     */
    @POST
    @Path("{runId}/roles/{role}/approve")
    @RolesAllowed(ApiRoles.OPERATOR)
    public RunViews.RunDetail approve(@PathParam("runId") String runId, @PathParam("role") String role) {
        runService.approve(runId, role, caller.name());
        return queries.detail(runId);
    }

    @POST
    @Path("{runId}/retry-failed")
    @RolesAllowed(ApiRoles.OPERATOR)
    public RunViews.RunDetail retryFailed(@PathParam("runId") String runId) {
        runService.retryFailed(runId);
        return queries.detail(runId);
    }

    @POST
    @Path("{runId}/hosts/{hostId}/skip")
    @RolesAllowed(ApiRoles.OPERATOR)
    public RunViews.HostDetail skip(@PathParam("runId") String runId, @PathParam("hostId") String hostId,
            Skip request) {
        if (request == null || request.reason() == null || request.reason().isBlank()) {
            throw ProblemException.invalid("reason", "say why the host is skipped");
        }
        runService.skip(runId, hostId, caller.name(), request.reason());
        return queries.host(runId, hostId);
    }

    /**
     * The run's changes as Server-Sent Events ({@code run}, {@code role}, {@code host}, data as in the JSON views),
     * from the beginning or after {@code Last-Event-ID}. Ends when the run has ended.
     */
    @GET
    @Path("{runId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({ApiRoles.VIEWER, ApiRoles.OPERATOR})
    public void events(@PathParam("runId") String runId, @HeaderParam("Last-Event-ID") String lastEventId,
            @Context SseEventSink sink, @Context Sse sse) {
        queries.detailExists(runId);
        long after = 0;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                after = Long.parseLong(lastEventId.trim());
            } catch (NumberFormatException e) {
                throw ProblemException.invalid("Last-Event-ID", "not an event id: " + lastEventId);
            }
        }
        feed.stream(runId, after, sink, sse);
    }
}
