package org.staypuft.registry.api;

/**
 * The roles of an operator's bearer JWT ({@code groups} claim), as the orchestrator uses them: operators change
 * things, viewers (and operators) read. The ENC and the {@code /unattended} endpoints take no JWT: Puppet and hosts
 * being installed have none.
 */
public final class Roles {

    public static final String OPERATOR = "operator";
    public static final String VIEWER = "viewer";

    private Roles() {
    }
}
