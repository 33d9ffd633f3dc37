package org.staypuft.cli.http;

import org.staypuft.cli.CliException;
import org.staypuft.cli.ExitCode;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A service did not answer at all: says which URL, and how to start or point at it. */
public class UnreachableException extends CliException {

    private final Service service;
    private final String url;

    public UnreachableException(Service service, String url, String why, Throwable cause) {
        super(ExitCode.SERVICE, "cannot reach the " + service.displayName() + " at " + url + " (" + why
                + "). Is Staypuft running? Start it with ./staypuft up, or point " + service.urlOption()
                + " at it.", cause);
        this.service = service;
        this.url = url;
    }

    public Service service() {
        return service;
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode error = super.toJson();
        error.put("service", service.name().toLowerCase());
        error.put("url", url);
        error.put("unreachable", true);
        return error;
    }
}
