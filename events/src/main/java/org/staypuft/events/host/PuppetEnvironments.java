package org.staypuft.events.host;

/**
 * The puppet environments Staypuft itself moves hosts between ({@link HostAssigned#environment()},
 * {@link HostConfigurationChanged#environment()}, the runner's {@code --environment}). Other names are possible
 * (any Puppet environment name), these two have a meaning here.
 */
public final class PuppetEnvironments {

    /** Keeps a host booting the discovery image, or an empty catalog: where assigned hosts wait and get prepared. */
    public static final String DISCOVERY = "discovery";
    /** The real catalog: deploy runs and re-enabling the agent. */
    public static final String PRODUCTION = "production";

    private PuppetEnvironments() {
    }
}
