package org.staypuft.listener.facts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.staypuft.events.host.NetworkInterface;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Network interfaces from facts: the {@code interfaces} list with the per-interface facts facter 2 writes
 * ({@code macaddress_<if>}, {@code ipaddress_<if>}, {@code netmask_<if>}, {@code ipaddress6_<if>}), or facter 3's
 * structured {@code networking.interfaces}; the link state from the discovery image's {@code link_<if>}. Values
 * that are not valid addresses are left out rather than refusing the host.
 */
final class InterfaceFacts {

    /** Interface names as the kernel allows them (facter writes '.' as '_' in fact names). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:@-]{1,64}");

    private InterfaceFacts() {
    }

    static List<NetworkInterface> of(Facts facts, Collection<String> ignored, int max) {
        Set<Integer> vlans = vlans(facts);
        List<NetworkInterface> interfaces = new ArrayList<>();
        JsonNode structured = facts.path("networking", "interfaces");
        List<String> names = facts.list("interfaces");
        if (names.isEmpty() && structured.isObject()) {
            names = structured.properties().stream().map(Map.Entry::getKey).toList();
        }
        for (String name : new LinkedHashSet<>(names)) {
            if (interfaces.size() >= max) {
                break;
            }
            if (ignored.contains(name) || !NAME.matcher(name).matches()) {
                continue;
            }
            JsonNode bound = structured.path(name);
            interfaces.add(new NetworkInterface(
                    name,
                    mac(first(perInterface(facts, "macaddress_", name), Facts.textOf(bound.path("mac")))),
                    ipv4(first(perInterface(facts, "ipaddress_", name), Facts.textOf(bound.path("ip")))),
                    ipv4(first(perInterface(facts, "netmask_", name), Facts.textOf(bound.path("netmask")))),
                    ipv6(first(perInterface(facts, "ipaddress6_", name), Facts.textOf(bound.path("ip6")))),
                    vlanId(name, vlans),
                    bool(perInterface(facts, "link_", name))));
        }
        return interfaces;
    }

    /** Facter 2 writes '.', ':' and '-' of interface names as '_' in fact names (eno2.2905 -> ipaddress_eno2_2905). */
    private static String perInterface(Facts facts, String prefix, String name) {
        String value = facts.text(prefix + name);
        return value != null ? value : facts.text(prefix + name.replaceAll("[.:-]", "_"));
    }

    /** The {@code vlans} fact: "181,182,183". */
    private static Set<Integer> vlans(Facts facts) {
        Set<Integer> vlans = new LinkedHashSet<>();
        for (String vlan : facts.list("vlans")) {
            Integer id = vlanNumber(vlan);
            if (id != null) {
                vlans.add(id);
            }
        }
        return vlans;
    }

    /**
     * {@code eth0.100} is VLAN 100 by its name. Facter 2 reports it as {@code eth0_100}; then the suffix is a VLAN
     * only when the {@code vlans} fact lists it (a plain {@code eth_1} is not one).
     */
    static Integer vlanId(String name, Set<Integer> vlans) {
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            return vlanNumber(name.substring(dot + 1));
        }
        int underscore = name.lastIndexOf('_');
        if (underscore > 0) {
            Integer id = vlanNumber(name.substring(underscore + 1));
            if (id != null && vlans.contains(id)) {
                return id;
            }
        }
        return null;
    }

    private static Integer vlanNumber(String text) {
        if (!text.matches("[0-9]{1,4}")) {
            return null;
        }
        int id = Integer.parseInt(text);
        return id <= 4095 ? id : null;
    }

    private static String first(String preferred, String fallback) {
        return preferred != null ? preferred : fallback;
    }

    private static String mac(String text) {
        MacAddress mac = MacAddress.parseOrNull(text);
        return mac == null ? null : mac.value();
    }

    private static String ipv4(String text) {
        return IpAddresses.isIpv4(text) ? text : null;
    }

    private static String ipv6(String text) {
        return IpAddresses.isIpv6(text) ? text.toLowerCase(Locale.ROOT) : null;
    }

    private static Boolean bool(String text) {
        if ("true".equalsIgnoreCase(text) || "yes".equalsIgnoreCase(text)) {
            return Boolean.TRUE;
        }
        if ("false".equalsIgnoreCase(text) || "no".equalsIgnoreCase(text)) {
            return Boolean.FALSE;
        }
        return null;
    }
}
