package org.staypuft.registry.inventory;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.staypuft.events.host.Disk;
import org.staypuft.events.host.Hardware;
import org.staypuft.events.host.HostKind;
import org.staypuft.events.host.HostSnapshot;
import org.staypuft.events.host.HostState;
import org.staypuft.events.host.NetworkInterface;
import org.staypuft.events.host.PuppetEnvironments;
import org.staypuft.events.host.Runmode;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.kit.json.JsonColumns;

/**
 * A host of the inventory: what its facts say (identity, addresses, hardware, SSH host keys) and where it is in its
 * life (state, deployment, puppet environment, build and managed flags, runmode). Each lifecycle event is one method
 * here, so the rules of the seed design live in one place.
 * <p>
 * Timestamps are event times, not processing times: rebuilding the inventory from the topic gives the same answer.
 */
@Entity
@Table(name = "host")
public class Host {

    @Id
    private String id;

    @Version
    private long version;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String mac;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private HostKind kind;

    private String ipv4;

    private String ipv6;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "interfaces", nullable = false)
    private String interfacesJson;

    @Column(name = "cpu_count")
    private Integer cpuCount;

    @Column(name = "memory_bytes")
    private Long memoryBytes;

    private String vendor;

    private String model;

    @Column(name = "disk_count")
    private Integer diskCount;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "disks", nullable = false)
    private String disksJson;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "ssh_host_keys", nullable = false)
    private String sshHostKeysJson;

    @Enumerated(EnumType.STRING)
    @Column(name = "ssh_host_keys_source", nullable = false)
    private SshHostKeySource sshHostKeysSource;

    /** When its installation called back; a built host's identity is protected (HostIdentityRule). */
    @Column(name = "built_at")
    private OffsetDateTime builtAt;

    @Column(name = "discovery_image_version")
    private String discoveryImageVersion;

    @Column(name = "facts_digest")
    private String factsDigest;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private HostState state;

    @Column(name = "state_reason")
    private String stateReason;

    @Column(nullable = false)
    private String environment;

    @Column(nullable = false)
    private boolean build;

    @Column(nullable = false)
    private boolean managed;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Runmode runmode;

    @Column(name = "deployment_id")
    private String deploymentId;

    @Column(name = "deployment_name")
    private String deploymentName;

    private String role;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected Host() {
        // for Hibernate
    }

    /**
     * A host that booted the discovery image: free, not managed yet, in the {@code discovery} environment, and
     * without the build flag until it is assigned.
     */
    public static Host discovered(String id, HostSnapshot snapshot, String factsDigest, OffsetDateTime at) {
        Host host = new Host(id, HostKind.DISCOVERED, at);
        host.managed = false;
        host.refreshIdentity(snapshot, factsDigest, at);
        host.replaceKeys(snapshot.sshHostKeys(), SshHostKeySource.DISCOVERY_IMAGE);
        return host;
    }

    /**
     * A host that ran the client installer: free, managed (the installer made it so), in the {@code discovery}
     * environment, never built by us.
     */
    public static Host registered(String id, HostSnapshot snapshot, String factsDigest, OffsetDateTime at) {
        Host host = new Host(id, HostKind.REGISTERED, at);
        host.managed = true;
        host.refreshIdentity(snapshot, factsDigest, at);
        host.replaceKeys(snapshot.sshHostKeys(), SshHostKeySource.REGISTRATION);
        return host;
    }

    private Host(String id, HostKind kind, OffsetDateTime at) {
        this.id = id;
        this.kind = kind;
        this.state = HostState.FREE;
        this.environment = PuppetEnvironments.DISCOVERY;
        this.build = false;
        this.runmode = Runmode.NONE;
        this.createdAt = at;
        this.updatedAt = at;
    }

    /**
     * A known host announced itself again (discovered or registered anew): its facts and kind are refreshed, its
     * place in a deployment is kept, because the events that put it there are newer than its first announcement. A
     * registration carries its token, so its SSH host keys count; a discovery upload's only while the keys never came
     * from an authenticated source (a built host booted into the discovery image keeps its installed keys until its
     * next built callback).
     */
    public void reintroduce(HostKind newKind, HostSnapshot snapshot, String digest, OffsetDateTime at) {
        this.kind = newKind;
        refreshIdentity(snapshot, digest, at);
        if (newKind == HostKind.REGISTERED) {
            this.managed = true;
            replaceKeys(snapshot.sshHostKeys(), SshHostKeySource.REGISTRATION);
        } else if (sshHostKeysSource.replaceableByFacts()) {
            replaceKeys(snapshot.sshHostKeys(), SshHostKeySource.DISCOVERY_IMAGE);
        }
    }

    /**
     * New facts: identity, addresses, interfaces and hardware are replaced as a whole. The SSH host keys only while
     * they are the discovery image's: facts are uploaded without authentication, and whoever could replace the keys
     * of a built or registered host could make the runner trust a machine in the middle.
     */
    public void refreshFacts(HostSnapshot snapshot, String digest, OffsetDateTime at) {
        refreshIdentity(snapshot, digest, at);
        if (sshHostKeysSource.replaceableByFacts()) {
            replaceKeys(snapshot.sshHostKeys(), SshHostKeySource.DISCOVERY_IMAGE);
        }
    }

    private void refreshIdentity(HostSnapshot snapshot, String digest, OffsetDateTime at) {
        this.name = snapshot.name();
        this.mac = snapshot.mac();
        this.ipv4 = snapshot.ipv4();
        this.ipv6 = snapshot.ipv6();
        this.interfacesJson = JsonColumns.writeList(snapshot.interfaces());
        Hardware hardware = snapshot.hardware();
        this.cpuCount = hardware == null ? null : hardware.cpuCount();
        this.memoryBytes = hardware == null ? null : hardware.memoryBytes();
        this.vendor = hardware == null ? null : hardware.vendor();
        this.model = hardware == null ? null : hardware.model();
        this.diskCount = hardware == null ? null : hardware.diskCount();
        this.disksJson = JsonColumns.writeList(hardware == null ? null : hardware.disks());
        this.discoveryImageVersion = snapshot.discoveryImageVersion();
        this.factsDigest = digest;
        touch(at);
    }

    private void replaceKeys(List<SshHostKey> keys, SshHostKeySource source) {
        this.sshHostKeysJson = JsonColumns.writeList(keys);
        this.sshHostKeysSource = source;
    }

    /**
     * Assigned to a role of a deployment (seed: conversion to managed, hostgroup = role, build flag on, environment
     * {@code discovery}, agent service off until the deployment re-enables it). Only a discovered host gets the build
     * flag: a registered one is never provisioned by us.
     */
    public void assign(String newDeploymentId, String newDeploymentName, String newRole, String newEnvironment,
            OffsetDateTime at) {
        this.state = HostState.ASSIGNED;
        this.stateReason = null;
        this.deploymentId = newDeploymentId;
        this.deploymentName = newDeploymentName;
        this.role = newRole;
        this.managed = true;
        this.build = kind == HostKind.DISCOVERED;
        this.environment = newEnvironment == null || newEnvironment.isBlank()
                ? PuppetEnvironments.DISCOVERY
                : newEnvironment;
        this.runmode = Runmode.NONE;
        touch(at);
    }

    /**
     * Leaves its deployment and is free again.
     *
     * @return false, changing nothing, when the host now belongs to another deployment: a stale unassignment
     */
    public boolean unassign(String fromDeploymentId, OffsetDateTime at) {
        if (deploymentId != null && fromDeploymentId != null && !deploymentId.equals(fromDeploymentId)) {
            return false;
        }
        this.state = HostState.FREE;
        this.stateReason = null;
        this.deploymentId = null;
        this.deploymentName = null;
        this.role = null;
        this.build = false;
        touch(at);
        return true;
    }

    /** The puppet environment and/or runmode changed; a null leaves that value as it was. */
    public void changeConfiguration(String newEnvironment, Runmode newRunmode, OffsetDateTime at) {
        if (newEnvironment != null && !newEnvironment.isBlank()) {
            this.environment = newEnvironment;
        }
        if (newRunmode != null) {
            this.runmode = newRunmode;
        }
        touch(at);
    }

    /** A run moved the host on; the reason (why it failed) is kept until the next change of state. */
    public void changeState(HostState newState, String reason, OffsetDateTime at) {
        this.state = newState;
        this.stateReason = reason;
        touch(at);
    }

    /**
     * A run provisions the host: it installs with the real catalog and stays in build mode until it calls back; its
     * agent service stays off until the deployment re-enables it.
     */
    public void requestProvisioning(OffsetDateTime at) {
        this.environment = PuppetEnvironments.PRODUCTION;
        this.runmode = Runmode.NONE;
        this.build = true;
        touch(at);
    }

    /**
     * The installed host called back. Its new SSH host keys replace the discovery image's; none given means none
     * known, rather than trusting keys that no longer belong to the host.
     */
    public void built(List<SshHostKey> newKeys, OffsetDateTime at) {
        this.build = false;
        if (builtAt == null || at.isAfter(builtAt)) {
            this.builtAt = at;
        }
        replaceKeys(newKeys, SshHostKeySource.BUILD_CALLBACK);
        touch(at);
    }

    /**
     * An operator accepted a refused identity claim: its address (IPv4, else IPv6; null: none) and SSH host keys are
     * the host's from now on. Kind, deployment and the rest of the facts stay.
     */
    public void acceptIdentity(String address, List<SshHostKey> keys, OffsetDateTime at) {
        setAddress(address);
        replaceKeys(keys, SshHostKeySource.OPERATOR);
        touch(at);
    }

    /**
     * An operator converted the host to another kind. A registered host is managed (as if the client installer had
     * run); a host converted to discovered that was never built takes the keys of its discovery uploads again, as any
     * discovered host does until it is built.
     */
    public void convert(HostKind newKind, OffsetDateTime at) {
        this.kind = newKind;
        if (newKind == HostKind.REGISTERED) {
            this.managed = true;
        } else if (builtAt == null && sshHostKeysSource == SshHostKeySource.REGISTRATION) {
            this.sshHostKeysSource = SshHostKeySource.DISCOVERY_IMAGE;
        }
        touch(at);
    }

    /** IPv4 else IPv6 (what the runner and the discovery proxy use), the same way round as it was read. */
    private void setAddress(String address) {
        if (address == null) {
            this.ipv4 = null;
            this.ipv6 = null;
        } else if (address.indexOf(':') >= 0) {
            this.ipv4 = null;
            this.ipv6 = address;
        } else {
            this.ipv4 = address;
        }
    }

    /** The address the host is reached at: IPv4, else IPv6, else null. */
    public String address() {
        return ipv4 != null ? ipv4 : ipv6;
    }

    private void touch(OffsetDateTime at) {
        if (updatedAt == null || at.isAfter(updatedAt)) {
            updatedAt = at;
        }
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getMac() {
        return mac;
    }

    public HostKind getKind() {
        return kind;
    }

    public String getIpv4() {
        return ipv4;
    }

    public String getIpv6() {
        return ipv6;
    }

    public List<NetworkInterface> getInterfaces() {
        return JsonColumns.list(interfacesJson, NetworkInterface.class);
    }

    public Hardware getHardware() {
        return new Hardware(cpuCount, memoryBytes, vendor, model, diskCount,
                JsonColumns.list(disksJson, Disk.class));
    }

    public List<SshHostKey> getSshHostKeys() {
        return JsonColumns.list(sshHostKeysJson, SshHostKey.class);
    }

    public SshHostKeySource getSshHostKeysSource() {
        return sshHostKeysSource;
    }

    /** When its installation called back, null when it never did. */
    public OffsetDateTime getBuiltAt() {
        return builtAt;
    }

    public String getDiscoveryImageVersion() {
        return discoveryImageVersion;
    }

    public String getFactsDigest() {
        return factsDigest;
    }

    public HostState getState() {
        return state;
    }

    public String getStateReason() {
        return stateReason;
    }

    public String getEnvironment() {
        return environment;
    }

    public boolean isBuild() {
        return build;
    }

    public boolean isManaged() {
        return managed;
    }

    public Runmode getRunmode() {
        return runmode;
    }

    public String getDeploymentId() {
        return deploymentId;
    }

    public String getDeploymentName() {
        return deploymentName;
    }

    public String getRole() {
        return role;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }
}
