package org.staypuft.simulator.announce;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The facts a Foreman Discovery Image uploads, made for one simulated host: a real upload from foreman_discovery's
 * test data ({@code regular_host.json}) with the host's own identity written over the template host's, and the
 * template's other interfaces and SSH keys taken out so nothing in the facts contradicts the host.
 */
public final class DiscoveryFacts {

    /** The one NIC a simulated host has; {@code lo} stays as facter reports it. */
    static final String BOOT_INTERFACE = "eth0";
    static final String DOMAIN = "staypuft.test";
    private static final Set<String> KEPT_INTERFACES = Set.of(BOOT_INTERFACE, "lo");
    private static final Set<String> PER_INTERFACE_FACTS = Set.of("macaddress_", "ipaddress_", "netmask_",
            "network_", "mtu_");
    /** The template host's keys (one of them not even valid): our host has exactly its own ed25519 key. */
    private static final Set<String> TEMPLATE_ONLY_FACTS = Set.of("sshrsakey", "sshdsakey", "sshecdsakey", "vlans",
            "gateway", "ipaddress6");
    private static final Map<String, Object> TEMPLATE = loadTemplate();

    private DiscoveryFacts() {
    }

    /** What the discovery image uploads, inside {@code {"facts": ...}}. */
    public static Map<String, Object> of(HostIdentity host) {
        Map<String, Object> facts = new LinkedHashMap<>();
        TEMPLATE.forEach((name, value) -> {
            if (!TEMPLATE_ONLY_FACTS.contains(name) && !isOtherInterfaceFact(name)) {
                facts.put(name, value);
            }
        });
        String mac = host.mac().toUpperCase(Locale.ROOT);
        facts.put("discovery_bootif", mac);
        facts.put("discovery_bootip", host.address());
        facts.put("macaddress", mac);
        facts.put("macaddress_" + BOOT_INTERFACE, mac);
        facts.put("ipaddress", host.address());
        facts.put("ipaddress_" + BOOT_INTERFACE, host.address());
        facts.put("netmask", "255.0.0.0");
        facts.put("netmask_" + BOOT_INTERFACE, "255.0.0.0");
        facts.put("network_" + BOOT_INTERFACE, "127.0.0.0");
        facts.put("interfaces", BOOT_INTERFACE + ",lo");
        facts.put("gateway_if", BOOT_INTERFACE);
        facts.put("hostname", host.hostname());
        facts.put("domain", DOMAIN);
        facts.put("fqdn", host.hostname() + "." + DOMAIN);
        facts.put("serialnumber", "SIM" + host.mac().replace(":", "").toUpperCase(Locale.ROOT));
        facts.put("uniqueid", host.mac().replace(":", "").substring(4));
        // facter reports the base64 part only: "sshed25519key": "AAAAC3NzaC1lZDI1NTE5AAAA..."
        facts.put("sshed25519key", host.sshHostKeyLine().split(" ")[1]);
        return facts;
    }

    /** Facts as {@code facter -j} on the installed system reports them, for a registration: no discovery_* facts. */
    public static Map<String, Object> ofInstalledSystem(HostIdentity host) {
        Map<String, Object> facts = of(host);
        facts.keySet().removeIf(name -> name.startsWith("discovery_"));
        return facts;
    }

    private static boolean isOtherInterfaceFact(String name) {
        for (String prefix : PER_INTERFACE_FACTS) {
            if (name.startsWith(prefix)) {
                return !KEPT_INTERFACES.contains(name.substring(prefix.length()));
            }
        }
        return false;
    }

    private static Map<String, Object> loadTemplate() {
        try (InputStream in = DiscoveryFacts.class.getResourceAsStream("regular_host.json")) {
            if (in == null) {
                throw new IllegalStateException("regular_host.json is missing from the simulator's resources");
            }
            JsonNode upload = new ObjectMapper().readTree(in);
            return new ObjectMapper().convertValue(upload.get("facts"), new TypeReference<Map<String, Object>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
