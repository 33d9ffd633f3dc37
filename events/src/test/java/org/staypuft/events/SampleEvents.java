package org.staypuft.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.staypuft.events.deployment.AgentEnabled;
import org.staypuft.events.deployment.DeploymentCancelled;
import org.staypuft.events.deployment.DeploymentCompleted;
import org.staypuft.events.deployment.DeploymentConfigured;
import org.staypuft.events.deployment.DeploymentFailed;
import org.staypuft.events.deployment.DeploymentTriggered;
import org.staypuft.events.deployment.HostDeployed;
import org.staypuft.events.deployment.HostFailed;
import org.staypuft.events.deployment.HostSkipped;
import org.staypuft.events.deployment.RoleApprovalRequested;
import org.staypuft.events.deployment.RoleApproved;
import org.staypuft.events.deployment.RoleConfiguration;
import org.staypuft.events.deployment.RoleFailed;
import org.staypuft.events.deployment.RoleReady;
import org.staypuft.events.deployment.RoleStarted;
import org.staypuft.events.deployment.RunPaused;
import org.staypuft.events.deployment.RunResumed;
import org.staypuft.events.deployment.RunWaitEnded;
import org.staypuft.events.deployment.RunWaiting;
import org.staypuft.events.host.Disk;
import org.staypuft.events.host.Hardware;
import org.staypuft.events.host.HostAssigned;
import org.staypuft.events.host.HostBuilt;
import org.staypuft.events.host.HostConfigurationApplied;
import org.staypuft.events.host.HostConfigurationChanged;
import org.staypuft.events.host.HostDiscovered;
import org.staypuft.events.host.HostFactsRecorded;
import org.staypuft.events.host.HostFactsUpdated;
import org.staypuft.events.host.HostIdentityChanged;
import org.staypuft.events.host.HostIdentityConflict;
import org.staypuft.events.host.HostRegistered;
import org.staypuft.events.host.HostSnapshot;
import org.staypuft.events.host.HostStateChanged;
import org.staypuft.events.host.HostUnassigned;
import org.staypuft.events.host.NetworkInterface;
import org.staypuft.events.host.SshAccess;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.events.provisioning.ProvisioningRequested;
import org.staypuft.events.provisioning.RebootCompleted;
import org.staypuft.events.provisioning.RequestReboot;
import org.staypuft.events.puppet.PuppetRunCompleted;
import org.staypuft.events.puppet.PuppetRunStarted;
import org.staypuft.events.puppet.RequestPuppetRun;
import org.staypuft.events.puppet.ResourceCounts;
import org.staypuft.events.puppet.RunOutcome;
import org.staypuft.events.puppet.RunPurpose;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One realistic payload per event type: the discovered HP ProLiant of {@code facts/rhel7-vlan.json} going through a
 * deployment. The switches have no default, so a new {@link EventType} does not compile until it has samples.
 */
final class SampleEvents {

    /** Host ids are "mac" and the boot MAC's hex digits (ADR 0002). */
    static final String HOST_ID = "mac444444444444";
    static final String DEPLOYMENT_ID = "c2f9e1a4-0b7d-4e6a-8c35-92d1f0a7b6e3";
    static final String RUN_ID = "5e8b2c71-3a4f-4d90-b6e2-0f1c7a9d3b58";
    static final String STEP_ID = "a91d6e3c-7f20-4b85-9e4a-3c2b1d0f8e67";
    static final String REQUEST_ID = "f3b7c0d9-2e61-4a8f-b5d4-6e9a1c3f0b27";
    static final String EVENT_ID = "0d6f4b2a-8c1e-4f37-9a5d-2b7e6c3f1a90";
    static final String FACTS_DIGEST = "b438dbe67c99eb7d37f6e9f2a58fb5a959d3597466f6b2eafa651af25cc4907f";

    private static final SshHostKey ED25519 = new SshHostKey("ssh-ed25519",
            "AAAAC3NzaC1lZDI1NTE5AAAAIBsB3P97lP1qrrtj39MuLO+C0yMlUBghagW/ur7X9Q7i");
    private static final SshHostKey ECDSA = new SshHostKey("ecdsa-sha2-nistp256",
            "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBC1xFkK3JrBEAWJ8qfusMvXIUw+xkDzE2wIlhxeSGkiBofzkNjhU"
                    + "/4iM/0uOeHXWAMJoI5BBKoz3mzfQsRFIsPo=");

    private SampleEvents() {
    }

    /** Every field set, nested records included. */
    static StaypuftEvent full(EventType type) {
        return switch (type) {
            case HOST_DISCOVERED -> new HostDiscovered(HOST_ID, snapshot(), FACTS_DIGEST);
            case HOST_REGISTERED ->
                new HostRegistered(HOST_ID, snapshot(), FACTS_DIGEST, new SshAccess(2222, "deploy"));
            case HOST_FACTS_UPDATED -> new HostFactsUpdated(HOST_ID, snapshot(), FACTS_DIGEST,
                    List.of("memoryfree", "uptime_seconds", "link_eno1"));
            case HOST_ASSIGNED -> new HostAssigned(HOST_ID, DEPLOYMENT_ID, "overcloud", "Controller", "discovery",
                    "big-computes", "compute-7");
            case HOST_UNASSIGNED -> new HostUnassigned(HOST_ID, DEPLOYMENT_ID, "Controller");
            case HOST_CONFIGURATION_CHANGED -> new HostConfigurationChanged(HOST_ID, DEPLOYMENT_ID, "production",
                    "service");
            case HOST_STATE_CHANGED -> new HostStateChanged(HOST_ID, DEPLOYMENT_ID, "failed",
                    "puppet run failed: 2 resources failed");
            case HOST_BUILT -> new HostBuilt(HOST_ID, DEPLOYMENT_ID, List.of(ED25519, ECDSA));
            case HOST_CONFIGURATION_APPLIED -> new HostConfigurationApplied(HOST_ID, DEPLOYMENT_ID, "production",
                    "service", EVENT_ID);
            case PROVISIONING_REQUESTED -> new ProvisioningRequested(HOST_ID, DEPLOYMENT_ID, RUN_ID, STEP_ID,
                    "2026-12-03T12:15:00Z");
            case HOST_FACTS_RECORDED -> new HostFactsRecorded(HOST_ID, FACTS_DIGEST, facts());
            case HOST_IDENTITY_CONFLICT -> new HostIdentityConflict(HOST_ID, "discovery-upload",
                    List.of("address", "sshHostKeys"), "discovered", "192.168.1.99", List.of(ED25519),
                    "an unauthenticated discovery-upload tried to change address, sshHostKeys of a built host");
            case HOST_IDENTITY_CHANGED -> new HostIdentityChanged(HOST_ID, "operator", "discovered", "192.168.1.99",
                    List.of(ED25519), EVENT_ID, "operator alice accepted the claim of identity conflict " + EVENT_ID);
            case PUPPET_RUN_REQUESTED -> new RequestPuppetRun(REQUEST_ID, DEPLOYMENT_ID, RUN_ID, STEP_ID, HOST_ID,
                    "mac444444444444", "192.168.1.16", 22, "root", "production", RunPurpose.DEPLOY,
                    List.of(ED25519, ECDSA), 1800, 3600, "2026-12-03T12:15:00Z");
            case REBOOT_REQUESTED -> new RequestReboot(REQUEST_ID, DEPLOYMENT_ID, RUN_ID, STEP_ID, HOST_ID,
                    "https://192.168.1.16:8443", "http://foreman.example.com/unattended/pxe/vmlinuz",
                    "http://foreman.example.com/unattended/pxe/initrd.img",
                    "ks=http://foreman.example.com/unattended/provision inst.stage2=http://mirror.example.com/el7",
                    List.of("--reset-vga", "--console-vga"), 120, "2026-12-03T12:15:00Z");
            case PUPPET_RUN_STARTED -> new PuppetRunStarted(REQUEST_ID, DEPLOYMENT_ID, RUN_ID, STEP_ID, HOST_ID, 1);
            case PUPPET_RUN_COMPLETED -> new PuppetRunCompleted(REQUEST_ID, DEPLOYMENT_ID, RUN_ID, STEP_ID, HOST_ID,
                    RunPurpose.DEPLOY, RunOutcome.FAILED, 6, "2 resources failed",
                    new ResourceCounts(14, 2, 0, 16, 412),
                    List.of("Package[openstack-nova-api]", "File[/etc/nova/nova.conf]"),
                    List.of("Service[openstack-nova-api]", "Exec[nova-db-sync]"), 184_230L,
                    "Error: /Stage[main]/Nova::Api/Service[openstack-nova-api]: Failed to call refresh\n"
                            + "Notice: Applied catalog in 183.91 seconds\n",
                    2, false, "4f0c4ad6-3cbb-4d43-9c4e-7e1a2b3c4d5e", "0b9c7e0e-5d6f-4a1b-8c2d-3e4f5a6b7c8d",
                    "urn:puppet:code-id:1:deadbeef", true, org.staypuft.events.puppet.AgentState.NO_RECEIPT,
                    new org.staypuft.events.puppet.AgentServiceReport(true, false, "running", "true"));
            case REBOOT_COMPLETED -> new RebootCompleted(REQUEST_ID, DEPLOYMENT_ID, RUN_ID, STEP_ID, HOST_ID, false,
                    "EXPIRED: not sent by the request's notAfter 2026-12-03T12:15:00Z; nothing was sent", true);
            case DEPLOYMENT_CONFIGURED -> new DeploymentConfigured(DEPLOYMENT_ID, "overcloud",
                    Map.of("ntp_servers", "0.pool.ntp.org,1.pool.ntp.org", "neutron::network_vlan_ranges",
                            "physnet1:444:444"),
                    List.of(new RoleConfiguration("Controller",
                            List.of("quickstack::pacemaker::params", "quickstack::controller"),
                            Map.of("pacemaker_cluster_size", "3", "ntp_servers", "10.0.0.1"),
                            Map.of("pacemaker_auth_key", "v1:q83vEjRWeJC6hVvEJkv8tzW3mS0x2GnZ9l2S3gC4tPq0")),
                            new RoleConfiguration("Compute (Nova)", List.of("quickstack::compute"), Map.of())),
                    Map.of("admin_password", "v1:9cF2nT0bLh1kQm8sVx3rYz6pWu4aEe7dJg5iOo2HfRw"));
            case DEPLOYMENT_TRIGGERED -> new DeploymentTriggered(DEPLOYMENT_ID, "overcloud", RUN_ID, false,
                    List.of("Controller", "Compute (Nova)", "Ceph Storage"), 5, "admin");
            case ROLE_STARTED -> new RoleStarted(DEPLOYMENT_ID, RUN_ID, "Controller", 3);
            case ROLE_READY -> new RoleReady(DEPLOYMENT_ID, RUN_ID, "Controller", 3, 0);
            case ROLE_FAILED -> new RoleFailed(DEPLOYMENT_ID, RUN_ID, "Compute (Nova)", List.of(HOST_ID),
                    "1 of 2 hosts failed, the role tolerates 0");
            case HOST_DEPLOYED -> new HostDeployed(DEPLOYMENT_ID, RUN_ID, HOST_ID, "Controller");
            case HOST_FAILED -> new HostFailed(DEPLOYMENT_ID, RUN_ID, HOST_ID, "Compute (Nova)", "deploy",
                    "puppet run failed: 2 resources failed");
            case HOST_SKIPPED -> new HostSkipped(DEPLOYMENT_ID, RUN_ID, HOST_ID, "Compute (Nova)", "admin",
                    "disk replaced tomorrow, redeploy then");
            case AGENT_ENABLED -> new AgentEnabled(DEPLOYMENT_ID, RUN_ID, HOST_ID);
            case DEPLOYMENT_COMPLETED -> new DeploymentCompleted(DEPLOYMENT_ID, RUN_ID, 4, 1, 2_712_004L);
            case DEPLOYMENT_FAILED -> new DeploymentFailed(DEPLOYMENT_ID, RUN_ID, List.of("Compute (Nova)"), 1,
                    "role Compute (Nova) failed");
            case DEPLOYMENT_CANCELLED -> new DeploymentCancelled(DEPLOYMENT_ID, RUN_ID, "admin");
            case RUN_WAITING -> new RunWaiting(DEPLOYMENT_ID, RUN_ID, "puppet-runner",
                    "puppet-runner (the run is queued, not started on the host)", "2026-12-03T15:20:00Z", 12);
            case RUN_WAIT_ENDED -> new RunWaitEnded(DEPLOYMENT_ID, RUN_ID, "puppet-runner", "2026-12-03T15:20:00Z",
                    95_000L);
            case RUN_PAUSED -> new RunPaused(DEPLOYMENT_ID, RUN_ID, "host-registry",
                    "host-registry (to confirm the production environment)", "2026-12-03T15:20:00Z", "PT30M",
                    "paused: waiting for host-registry (to confirm the production environment) since "
                            + "2026-12-03T15:20:00Z, longer than the wait limit PT30M; resume it once the part is back");
            case RUN_RESUMED -> new RunResumed(DEPLOYMENT_ID, RUN_ID, "admin", 600_000L);
            case ROLE_APPROVAL_REQUESTED -> new RoleApprovalRequested(DEPLOYMENT_ID, RUN_ID, "Compute (Nova)", 3, 3600,
                    "2026-12-03T16:20:00Z");
            case ROLE_APPROVED -> new RoleApproved(DEPLOYMENT_ID, RUN_ID, "Compute (Nova)", "admin", 95_000L);
        };
    }

    /** Every field that may be null is null; the rest as in {@link #full}. */
    static StaypuftEvent minimal(EventType type) {
        return switch (type) {
            case HOST_DISCOVERED -> new HostDiscovered(HOST_ID, minimalSnapshot(), FACTS_DIGEST);
            case HOST_REGISTERED -> new HostRegistered(HOST_ID, minimalSnapshot(), null);
            case HOST_FACTS_UPDATED -> new HostFactsUpdated(HOST_ID, minimalSnapshot(), FACTS_DIGEST, List.of());
            case HOST_CONFIGURATION_CHANGED -> new HostConfigurationChanged(HOST_ID, DEPLOYMENT_ID, null, null);
            case HOST_CONFIGURATION_APPLIED -> new HostConfigurationApplied(HOST_ID, DEPLOYMENT_ID, null, null,
                    EVENT_ID);
            case HOST_STATE_CHANGED -> new HostStateChanged(HOST_ID, null, "free", null);
            case REBOOT_REQUESTED -> new RequestReboot(REQUEST_ID, DEPLOYMENT_ID, RUN_ID, STEP_ID, HOST_ID,
                    "https://192.168.1.16:8443", null, null, null, null, 120);
            case PROVISIONING_REQUESTED -> new ProvisioningRequested(HOST_ID, DEPLOYMENT_ID, RUN_ID, STEP_ID);
            case PUPPET_RUN_REQUESTED -> new RequestPuppetRun(REQUEST_ID, DEPLOYMENT_ID, RUN_ID, STEP_ID, HOST_ID,
                    "mac444444444444", "192.168.1.16", 22, "root", "production", RunPurpose.DEPLOY,
                    List.of(ED25519, ECDSA), 1800, 3600);
            // Only a success may come without a reason.
            case PUPPET_RUN_COMPLETED -> new PuppetRunCompleted(REQUEST_ID, DEPLOYMENT_ID, RUN_ID, STEP_ID, HOST_ID,
                    RunPurpose.ENABLE_AGENT, RunOutcome.CHANGED, null, null, null, null, null, 9_120L, null, 1);
            case REBOOT_COMPLETED -> new RebootCompleted(REQUEST_ID, DEPLOYMENT_ID, RUN_ID, STEP_ID, HOST_ID, true,
                    null);
            case HOST_SKIPPED -> new HostSkipped(DEPLOYMENT_ID, RUN_ID, HOST_ID, "Compute (Nova)", "admin", null);
            case DEPLOYMENT_CONFIGURED -> new DeploymentConfigured(DEPLOYMENT_ID, "overcloud", Map.of(),
                    List.of(new RoleConfiguration("Controller", List.of(), Map.of())));
            case HOST_IDENTITY_CONFLICT -> new HostIdentityConflict(HOST_ID, "discovery-upload", List.of("kind"),
                    "discovered", null, List.of(), "an unauthenticated discovery-upload tried to change kind");
            case HOST_IDENTITY_CHANGED -> new HostIdentityChanged(HOST_ID, "operator", "registered", null, List.of(),
                    null, "operator alice converted the host from discovered to registered");
            case HOST_ASSIGNED -> new HostAssigned(HOST_ID, DEPLOYMENT_ID, "overcloud", "Controller", "discovery");
            case ROLE_APPROVAL_REQUESTED -> new RoleApprovalRequested(DEPLOYMENT_ID, RUN_ID, "Compute (Nova)", 3, null,
                    null);
            case HOST_UNASSIGNED, HOST_BUILT, HOST_FACTS_RECORDED,
                    PUPPET_RUN_STARTED, DEPLOYMENT_TRIGGERED, ROLE_STARTED, ROLE_READY,
                    ROLE_FAILED, HOST_DEPLOYED, HOST_FAILED, AGENT_ENABLED, DEPLOYMENT_COMPLETED, DEPLOYMENT_FAILED,
                    DEPLOYMENT_CANCELLED, RUN_WAITING, RUN_WAIT_ENDED, RUN_PAUSED, RUN_RESUMED, ROLE_APPROVED ->
                full(type);
        };
    }

    /** Lists and texts at the caps the records document, for the size budget; other types as in {@link #full}. */
    static StaypuftEvent atLimits(EventType type) {
        return switch (type) {
            case HOST_FACTS_UPDATED -> new HostFactsUpdated(HOST_ID, snapshot(), FACTS_DIGEST,
                    names("nmprimary_802-3-ethernet_generate-mac-address-mask_", "", 100));
            case PUPPET_RUN_COMPLETED -> new PuppetRunCompleted(REQUEST_ID, DEPLOYMENT_ID, RUN_ID, STEP_ID, HOST_ID,
                    RunPurpose.DEPLOY, RunOutcome.FAILED, 6, "50 resources failed",
                    new ResourceCounts(50, 50, 0, 100, 2048),
                    names("File[/etc/neutron/plugins/ml2/openvswitch_agent.ini.d/", ".conf]", 50),
                    names("Service[openstack-neutron-openvswitch-agent-", "]", 50), 7_200_000L,
                    "x".repeat(4096), 5);
            case ROLE_FAILED -> new RoleFailed(DEPLOYMENT_ID, RUN_ID, "Compute (Nova)",
                    hostIds(100), "100 of 100 hosts failed");
            case DEPLOYMENT_CONFIGURED -> configuredAtThePayloadCap();
            default -> full(type);
        };
    }

    /**
     * Twenty roles of ten classes each, and deployment parameters of 4096 characters (the longest value the
     * orchestrator takes) added until one more would pass {@link DeploymentConfigured#MAX_PAYLOAD_BYTES}.
     */
    static DeploymentConfigured configuredAtThePayloadCap() {
        List<RoleConfiguration> roles = IntStream.rangeClosed(1, 20)
                .mapToObj(i -> new RoleConfiguration("role-" + i, names("quickstack::role_" + i + "::part_", "", 10),
                        Map.of("role_index", String.valueOf(i))))
                .toList();
        Map<String, String> parameters = new LinkedHashMap<>();
        while (true) {
            Map<String, String> more = new LinkedHashMap<>(parameters);
            more.put("parameter_" + more.size(), "x".repeat(4096));
            DeploymentConfigured bigger = new DeploymentConfigured(DEPLOYMENT_ID, "overcloud", more, roles);
            if (EventCodec.encodePayload(bigger).length > DeploymentConfigured.MAX_PAYLOAD_BYTES) {
                return new DeploymentConfigured(DEPLOYMENT_ID, "overcloud", parameters, roles);
            }
            parameters = more;
        }
    }

    static HostSnapshot snapshot() {
        return new HostSnapshot(
                "mac444444444444",
                "44:44:44:44:44:44",
                "192.168.1.16",
                "2001:db8:0:444::16",
                List.of(new NetworkInterface("eno49_444", "44:44:44:44:44:44", "192.168.1.16", "255.255.255.0",
                        "2001:db8:0:444::16", 444, true),
                        new NetworkInterface("eno1", "44:44:44:44:44:40", null, null, null, null, false)),
                new Hardware(40, 135_071_400_919L, "HP", "ProLiant", 2,
                        List.of(new Disk("sda", 1_000_171_331_584L), new Disk("sr0", 248_512_512L))),
                List.of(ED25519, ECDSA),
                "3.1.1");
    }

    static HostSnapshot minimalSnapshot() {
        return new HostSnapshot("mac444444444444", "44:44:44:44:44:44", null, null, null, null, null, null);
    }

    /** The raw facts of a real discovery image host, as it uploaded them. */
    static ObjectNode facts() {
        try (InputStream in = SampleEvents.class.getResourceAsStream("/facts/rhel7-vlan.json")) {
            return (ObjectNode) EventCodec.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> hostIds(int count) {
        return IntStream.rangeClosed(1, count).mapToObj("mac%012x"::formatted).toList();
    }

    private static List<String> names(String prefix, String suffix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + i + suffix).toList();
    }
}
