package org.staypuft.events.host;

/**
 * One network interface as facter reported it. Absent values are null.
 *
 * @param vlanId the 802.1Q tag when the interface is a VLAN sub-interface
 * @param link whether the link is up (discovery image's ethtool facts)
 */
public record NetworkInterface(
        String name,
        String mac,
        String ipv4,
        String netmask,
        String ipv6,
        Integer vlanId,
        Boolean link) {
}
