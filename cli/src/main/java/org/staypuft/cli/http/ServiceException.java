package org.staypuft.cli.http;

import java.util.List;
import java.util.stream.Collectors;

import org.staypuft.cli.CliException;
import org.staypuft.cli.ExitCode;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A service answered with an error status. The message is what the service said (its error body's message and
 * field); for 401 and 403 it says how to get a token that works.
 */
public class ServiceException extends CliException {

    private final Service service;
    private final String url;
    private final int status;
    private final ErrorBodies.Refusal refusal;

    public ServiceException(Service service, String url, int status, ErrorBodies.Refusal refusal,
            BearerToken token) {
        super(status == 401 || status == 403 ? ExitCode.AUTH : ExitCode.SERVICE,
                message(service, url, status, refusal, token));
        this.service = service;
        this.url = url;
        this.status = status;
        this.refusal = refusal;
    }

    public int status() {
        return status;
    }

    public Service service() {
        return service;
    }

    /** The service's own words, without the CLI's advice. */
    public List<ErrorBodies.Problem> problems() {
        return refusal.problems();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode error = super.toJson();
        error.put("service", service.name().toLowerCase());
        error.put("url", url);
        error.put("status", status);
        if (refusal.title() != null) {
            error.put("title", refusal.title());
        }
        ArrayNode problems = error.putArray("problems");
        for (ErrorBodies.Problem problem : refusal.problems()) {
            ObjectNode entry = problems.addObject();
            entry.put("field", problem.field());
            entry.put("message", problem.message());
        }
        return error;
    }

    private static String message(Service service, String url, int status, ErrorBodies.Refusal refusal,
            BearerToken token) {
        String from = "the " + service.displayName() + " (" + url + ")";
        if (status == 401) {
            return "not authenticated: " + from + " refused " + (token == null
                    ? "a request without a token. "
                    : "the token from " + token.source() + " (expired, or issued for another Staypuft?). ")
                    + howToGetAToken();
        }
        if (status == 403) {
            return "forbidden: the token" + (token == null ? "" : " from " + token.source())
                    + " lacks the role this needs (changes need 'operator'; reading needs 'viewer' or 'operator')"
                    + said(refusal) + ". " + howToGetAToken();
        }
        String said = describe(refusal);
        if (said.isEmpty()) {
            return from + " answered HTTP " + status + (status >= 500 ? "; see its log" : "");
        }
        return "from the " + service.displayName() + ": " + said
                + (status >= 500 ? " (HTTP " + status + " from " + url + "; see its log)" : "");
    }

    private static String howToGetAToken() {
        return "Pass --token, set $" + BearerToken.VARIABLE + ", or put an operator token in .staypuft/token "
                + "(./staypuft up writes a fresh one there).";
    }

    private static String said(ErrorBodies.Refusal refusal) {
        String said = describe(refusal);
        return said.isEmpty() ? "" : " (" + said + ")";
    }

    /** {@code Title: message [field]}, or the title and one indented line per problem. */
    static String describe(ErrorBodies.Refusal refusal) {
        List<ErrorBodies.Problem> problems = refusal.problems();
        String title = refusal.title();
        if (problems.isEmpty()) {
            return title == null ? "" : title;
        }
        if (problems.size() == 1) {
            return (title == null ? "" : title + ": ") + problem(problems.get(0));
        }
        return (title == null ? "the request was refused" : title) + ":" + problems.stream()
                .map(problem -> System.lineSeparator() + "  " + problem(problem)).collect(Collectors.joining());
    }

    private static String problem(ErrorBodies.Problem problem) {
        return problem.message() + (problem.field() == null ? "" : " [" + problem.field() + "]");
    }
}
