package org.staypuft.registry.api;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.staypuft.events.host.Hardware;
import org.staypuft.events.host.NetworkInterface;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.registry.inventory.Host;
import org.staypuft.registry.inventory.HostEntry;
import org.staypuft.registry.inventory.HostKinds;

/** A host as the API shows it. */
@Schema(name = "Host")
public record HostView(
        @Schema(description = "mac + the boot MAC in hex, e.g. mac444444444444, for discovered hosts") String id,
        String name,
        @Schema(description = "boot MAC, lower-case colon form") String mac,
        @Schema(enumeration = {
                "discovered", "registered"}) String kind,
        String ipv4,
        String ipv6,
        List<NetworkInterface> interfaces,
        Hardware hardware,
        List<SshHostKey> sshHostKeys,
        @Schema(description = "where the SSH host keys came from; only the authenticated sources replace those of a built or registered host", enumeration = {
                "discovery-image", "build-callback", "registration", "operator"}) String sshHostKeysSource,
        String discoveryImageVersion,
        @Schema(enumeration = {"free", "assigned", "deploying", "deployed", "failed"}) String state,
        @Schema(description = "why the host is in its state, e.g. why it failed") String stateReason,
        @Schema(description = "puppet environment: discovery or production") String environment,
        @Schema(description = "provisioning (build) mode is on") boolean build,
        @Schema(description = "managed (provisionable or registered), not merely discovered") boolean managed,
        @Schema(enumeration = {"none", "service"}) String runmode,
        String deploymentId,
        String deploymentName,
        String role,
        @Schema(description = "SHA-256 of the raw facts this host's data was read from") String factsDigest,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        @Schema(description = "when raw facts last arrived; null before the first") OffsetDateTime lastFactsAt){

    static HostView of(HostEntry entry) {
        Host host = entry.host();
        return new HostView(host.getId(), host.getName(), host.getMac(), HostKinds.wireName(host.getKind()),
                host.getIpv4(), host.getIpv6(), host.getInterfaces(), host.getHardware(), host.getSshHostKeys(),
                host.getSshHostKeysSource().wireName(), host.getDiscoveryImageVersion(), host.getState().wireName(),
                host.getStateReason(),
                host.getEnvironment(), host.isBuild(), host.isManaged(), host.getRunmode().wireName(),
                host.getDeploymentId(), host.getDeploymentName(), host.getRole(), host.getFactsDigest(),
                host.getCreatedAt(), host.getUpdatedAt(), entry.lastFactsAt());
    }
}
