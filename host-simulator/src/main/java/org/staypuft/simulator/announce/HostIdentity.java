package org.staypuft.simulator.announce;

/**
 * What a host tells the discovery listener about itself.
 *
 * @param hostname an RFC 1123 host name (lower case)
 * @param address the boot address (IPv4)
 * @param mac the boot NIC's MAC, lower case with colons
 * @param sshHostKeyLine the host key as {@code ssh-ed25519 AAAA...}
 */
public record HostIdentity(String hostname, String address, String mac, String sshHostKeyLine) {
}
