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

    /**
     * The JWT audience ({@code aud}) of each service: a service accepts only tokens whose audience includes its own
     * ({@code mp.jwt.verify.audiences}), so a token issued for one service does not work on another. An operator's
     * token for the CLI carries all of them ({@link #ALL_AUDIENCES}).
     */
    public static final String AUDIENCE_LISTENER = "staypuft-discovery-listener";
    public static final String AUDIENCE_REGISTRY = "staypuft-host-registry";
    public static final String AUDIENCE_ORCHESTRATOR = "staypuft-orchestrator";
    public static final String AUDIENCE_RUNNER = "staypuft-puppet-runner";
    public static final String AUDIENCE_WEBHOOKS = "staypuft-webhook-dispatcher";
    public static final java.util.List<String> ALL_AUDIENCES = java.util.List.of(AUDIENCE_LISTENER,
            AUDIENCE_REGISTRY, AUDIENCE_ORCHESTRATOR, AUDIENCE_RUNNER, AUDIENCE_WEBHOOKS);

    private ApiRoles() {
    }
}
