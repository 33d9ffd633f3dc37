package org.staypuft.registry.inventory;

import org.staypuft.events.host.HostKind;
import org.staypuft.events.host.HostState;

/** Which hosts a listing returns; a null criterion matches every host. */
public record HostFilter(HostState state, HostKind kind, String deploymentId, String role) {
}
