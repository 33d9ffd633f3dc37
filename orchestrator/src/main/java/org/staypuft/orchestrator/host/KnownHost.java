package org.staypuft.orchestrator.host;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.staypuft.events.host.HostKind;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.kit.json.JsonColumns;

/** What the host events told us about a host: enough to reach it over SSH and to know how to prepare it. */
@Entity
@Table(name = "host_view")
public class KnownHost {

    @Id
    @Column(name = "host_id")
    public String hostId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public HostKind kind;

    @Column(nullable = false)
    public String name;

    /** IPv4, else IPv6; null when the host reported neither. */
    public String address;

    /** JSON array of the host's SSH host keys: the runner checks them strictly. */
    @Column(name = "ssh_host_keys", nullable = false)
    public String sshHostKeys;

    /** When its installation called back; from then on its keys come from that callback, not discovery facts. */
    @Column(name = "built_at")
    public OffsetDateTime builtAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The SSH port its registration named; null: the role's, else the global one ({@link #sshPort(Integer, int)}). */
    @Column(name = "ssh_port")
    public Integer sshPort;

    /**
     * The facts discovery rules see (ADR 0018): the last accepted snapshot (events' {@code HostSnapshot}, JSON) while
     * the host was free and not built; null before any.
     */
    public String facts;

    /** The login user its registration named; null: the role's, else the global one. */
    @Column(name = "ssh_user")
    public String sshUser;

    /** The port to reach it on: the host's own, else the role's, else the global setting. */
    public int sshPort(Integer rolePort, int globalPort) {
        return sshPort != null ? sshPort : rolePort != null ? rolePort : globalPort;
    }

    /** The user to log in as: the host's own, else the role's, else the global setting. */
    public String sshUser(String roleUser, String globalUser) {
        return sshUser != null ? sshUser : roleUser != null ? roleUser : globalUser;
    }

    public List<SshHostKey> keys() {
        return JsonColumns.list(sshHostKeys, SshHostKey.class);
    }

    public void keys(List<SshHostKey> keys) {
        sshHostKeys = JsonColumns.write(keys == null ? List.of() : keys);
    }

    /** A discovered host that was never installed: a run provisions it rather than running PREPARE. */
    public boolean needsProvisioning() {
        return kind == HostKind.DISCOVERED && builtAt == null;
    }
}
