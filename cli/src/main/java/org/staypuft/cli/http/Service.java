package org.staypuft.cli.http;

/** The Staypuft services the CLI talks to, named as a user knows them, with the option that points at each. */
public enum Service {

    ORCHESTRATOR("orchestrator", "--orchestrator-url"),
    REGISTRY("host registry", "--registry-url"),
    LISTENER("discovery listener", "--listener-url"),
    RUNNER("puppet runner", "--runner-url"),
    WEBHOOKS("webhook dispatcher", "--webhooks-url");

    private final String displayName;
    private final String urlOption;

    Service(String displayName, String urlOption) {
        this.displayName = displayName;
        this.urlOption = urlOption;
    }

    public String displayName() {
        return displayName;
    }

    public String urlOption() {
        return urlOption;
    }
}
