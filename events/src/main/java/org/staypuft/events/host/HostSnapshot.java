package org.staypuft.events.host;

import java.util.List;

/**
 * What we know about a host from its facts: identity, addresses, interfaces, hardware and SSH host keys.
 *
 * @param name Foreman-style name of a discovered host ({@code mac} + MAC without colons) or a registered host's
 *        hostname
 * @param mac the boot MAC in lower-case colon form
 * @param ipv4 the boot address, null on IPv6-only hosts
 * @param ipv6 the global IPv6 address when known
 * @param discoveryImageVersion the discovery image's version, null for registered hosts
 */
public record HostSnapshot(
        String name,
        String mac,
        String ipv4,
        String ipv6,
        List<NetworkInterface> interfaces,
        Hardware hardware,
        List<SshHostKey> sshHostKeys,
        String discoveryImageVersion) {
}
