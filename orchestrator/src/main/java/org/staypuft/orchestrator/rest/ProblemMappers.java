package org.staypuft.orchestrator.rest;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.staypuft.orchestrator.api.ErrorBody;
import org.staypuft.orchestrator.problem.Problem;
import org.staypuft.orchestrator.problem.ProblemException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns refusals and unreadable bodies into the one error body, naming the field and the problem. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return body(e.status(), e.title(), e.problems());
    }

    // Named one by one: Quarkus maps some Jackson exceptions itself, and the closest type wins.
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response unparsable(StreamReadException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? path(mapping) : "body";
        String message = e instanceof UnrecognizedPropertyException unknown
                ? "unknown property '" + unknown.getPropertyName() + "'"
                : e.getOriginalMessage();
        return body(400, "Unreadable request body", List.of(new Problem(field.isEmpty() ? "body" : field,
                message)));
    }

    static String path(JsonMappingException e) {
        return e.getPath().stream().map(ref -> ref.getFieldName() != null
                ? "." + ref.getFieldName()
                : "[" + ref.getIndex() + "]").collect(Collectors.joining()).replaceFirst("^\\.", "");
    }

    static Response body(int status, String title, List<Problem> problems) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(status, title, problems)).build();
    }
}
