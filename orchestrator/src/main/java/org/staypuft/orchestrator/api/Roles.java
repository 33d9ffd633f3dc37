package org.staypuft.orchestrator.api;

/** The roles of the bearer JWT's {@code groups} claim: operators change things, viewers (and operators) read. */
public final class Roles {

    public static final String OPERATOR = "operator";
    public static final String VIEWER = "viewer";

    private Roles() {
    }
}
