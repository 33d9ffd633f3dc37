package org.staypuft.events;

/**
 * The roles in the {@code groups} claim of the bearer tokens every service's API accepts: operators change things,
 * viewers (and operators) read. The CLI's and the local stack's tokens carry them too.
 */
public final class ApiRoles {

    /** The OpenAPI security scheme of the endpoints that need one of these roles: a bearer JWT. */
    public static final String JWT_SCHEME = "operator-jwt";

    public static final String OPERATOR = "operator";
    public static final String VIEWER = "viewer";

    private ApiRoles() {
    }
}
