package org.staypuft.listener.facts;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.staypuft.events.host.Hardware;
import org.staypuft.events.host.HostSnapshot;
import org.staypuft.events.host.NetworkInterface;
import org.staypuft.listener.config.ListenerConfig;
import org.staypuft.listener.request.RefusedException;

/**
 * Turns a discovery upload into the {@link HostSnapshot} of our events. Like Foreman, it insists on the two things
 * a host cannot be used without, a MAC and an address, and refuses the upload naming the fact at fault; everything
 * else is taken when valid and left out when not.
 */
@ApplicationScoped
public class FactsNormalizer {

    public static final String BOOT_MAC = "discovery_bootif";
    public static final String MAC = "macaddress";
    public static final String BOOT_IP = "discovery_bootip";
    public static final String IPV4 = "ipaddress";
    public static final String IPV6 = "ipaddress6";

    /** PXELinux's BOOTIF form: hardware type 01 (Ethernet), then the MAC with dashes. */
    private static final Pattern PXE_BOOTIF = Pattern.compile("01-([0-9A-Fa-f]{2}-){5}[0-9A-Fa-f]{2}");

    @Inject
    ListenerConfig config;

    /** The snapshot of a host that booted the discovery image. */
    public HostSnapshot discovered(Facts facts) {
        MacAddress mac = bootMac(facts);
        BootAddresses addresses = bootAddresses(facts);
        return new HostSnapshot(
                HostIds.discoveredName(mac),
                mac.value(),
                addresses.ipv4(),
                addresses.ipv6(),
                interfaces(facts),
                hardware(facts),
                SshHostKeys.fromFacts(facts),
                limit(facts.text("discovery_version")));
    }

    public List<NetworkInterface> interfaces(Facts facts) {
        return InterfaceFacts.of(facts, config.ignoredInterfaces(), config.maxInterfacesInEvent());
    }

    public Hardware hardware(Facts facts) {
        return HardwareFacts.of(facts, config.maxDisksInEvent());
    }

    /** The boot NIC's MAC ({@code discovery_bootif}), else facter's primary {@code macaddress}. */
    MacAddress bootMac(Facts facts) {
        for (String fact : List.of(BOOT_MAC, MAC)) {
            String value = facts.text(fact);
            if (value == null) {
                continue;
            }
            if (PXE_BOOTIF.matcher(value).matches()) {
                value = value.substring(3);
            }
            MacAddress mac = MacAddress.parseOrNull(value);
            if (mac == null) {
                throw RefusedException.badRequest(field(fact), "invalid-mac",
                        "invalid MAC address in " + fact + ": '" + shorten(value)
                                + "' (expected six hex pairs such as 52:54:00:12:34:56)");
            }
            if (mac.whyNotAHost() != null) {
                throw RefusedException.badRequest(field(fact), "invalid-mac",
                        "MAC address in " + fact + " '" + mac + "' is " + mac.whyNotAHost() + ", not a host's NIC");
            }
            return mac;
        }
        throw RefusedException.badRequest(field(BOOT_MAC), "missing-mac",
                "missing MAC: the facts have neither " + BOOT_MAC + " nor " + MAC);
    }

    /**
     * The boot address ({@code discovery_bootip}, IPv4 or IPv6), else {@code ipaddress}; {@code ipaddress6} is the
     * IPv6 address and the only one of an IPv6-only host.
     */
    BootAddresses bootAddresses(Facts facts) {
        String ipv4 = null;
        String ipv6 = null;
        String bootIp = facts.text(BOOT_IP);
        if (bootIp != null) {
            if (IpAddresses.isIpv4(bootIp)) {
                ipv4 = bootIp;
            } else if (IpAddresses.isIpv6(bootIp) && !IpAddresses.isLinkLocalIpv6(bootIp)) {
                ipv6 = bootIp.toLowerCase(Locale.ROOT);
            } else {
                throw invalidIp(BOOT_IP, bootIp);
            }
        }
        String address = facts.text(IPV4);
        if (ipv4 == null && address != null) {
            if (!IpAddresses.isIpv4(address)) {
                throw invalidIp(IPV4, address);
            }
            ipv4 = address;
        }
        String address6 = facts.text(IPV6);
        if (ipv6 == null && address6 != null) {
            if (IpAddresses.isIpv6(address6) && !IpAddresses.isLinkLocalIpv6(address6)) {
                ipv6 = address6.toLowerCase(Locale.ROOT);
            } else if (ipv4 == null) {
                // Only refuse over ipaddress6 when it is all we have; a stray value must not block an IPv4 host.
                throw invalidIp(IPV6, address6);
            }
        }
        if (ipv4 == null && ipv6 == null) {
            throw RefusedException.badRequest(field(BOOT_IP), "missing-address",
                    "missing address: the facts have none of " + BOOT_IP + ", " + IPV4 + ", " + IPV6);
        }
        return new BootAddresses(ipv4, ipv6);
    }

    private static RefusedException invalidIp(String fact, String value) {
        return RefusedException.badRequest(field(fact), "invalid-ip",
                "invalid IP address in " + fact + ": '" + shorten(value) + "'"
                        + (fact.equals(IPV6) ? " (a global IPv6 address is needed)" : ""));
    }

    static String field(String fact) {
        return "facts." + fact;
    }

    private static String shorten(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "...";
    }

    private static String limit(String value) {
        return value == null || value.length() <= 255 ? value : value.substring(0, 255);
    }

    record BootAddresses(String ipv4, String ipv6) {
    }
}
