package org.staypuft.runner.ssh;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A host key pinned at first contact (policy accept-new), per host. */
@Entity
@Table(name = "pinned_host_key")
public class PinnedHostKey {

    @Id
    @Column(name = "host_id")
    public String hostId;

    /** OpenSSH form: {@code ssh-ed25519 AAAA...}. */
    @Column(name = "public_key", nullable = false)
    public String publicKey;

    @Column(name = "pinned_at", nullable = false)
    public OffsetDateTime pinnedAt;
}
