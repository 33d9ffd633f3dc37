package org.staypuft.events.puppet;

/**
 * What the run's report says of the agent's own service ({@code Service[puppet]}, managed by {@code puppet_management}),
 * for the enable-agent run's check.
 *
 * @param managed the catalog has the resource (absent: the run cannot have enabled the agent)
 * @param failed the resource failed
 * @param ensure the value the run set {@code ensure} to (e.g. {@code running}), null when it was in sync already
 * @param enable the value the run set {@code enable} to (e.g. {@code true}), null when it was in sync already
 */
public record AgentServiceReport(boolean managed, boolean failed, String ensure, String enable) {

    public static final AgentServiceReport NOT_MANAGED = new AgentServiceReport(false, false, null, null);
}
