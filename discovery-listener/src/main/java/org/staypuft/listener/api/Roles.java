package org.staypuft.listener.api;

/**
 * The roles of an operator's bearer JWT ({@code groups} claim), as the orchestrator uses them: operators change
 * things, viewers (and operators) read. Hosts never carry a JWT: the discovery upload needs nothing and a
 * registration its registration token.
 */
public final class Roles {

    /** The OpenAPI security scheme of operator endpoints: a bearer JWT. */
    public static final String JWT_SCHEME = "operator-jwt";
    public static final String OPERATOR = "operator";
    public static final String VIEWER = "viewer";

    private Roles() {
    }
}
