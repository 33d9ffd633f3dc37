package org.staypuft.orchestrator.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.staypuft.events.host.Disk;
import org.staypuft.events.host.Hardware;
import org.staypuft.events.host.HostSnapshot;
import org.staypuft.events.host.NetworkInterface;
import org.staypuft.kit.json.JsonColumns;
import org.staypuft.orchestrator.host.KnownHost;

/**
 * The variables a rule's expression sees (ADR 0018), from the host's last snapshot: {@code facts} (a map; a value the
 * host did not report is absent, so {@code has(facts.vendor)} tells), {@code mac}, {@code name}, {@code kind}
 * ({@code discovered} or {@code registered}) and {@code hostId}. Numbers are CEL ints.
 */
public final class HostFacts {

    public static final String FACTS = "facts";
    public static final String MAC = "mac";
    public static final String NAME = "name";
    public static final String KIND = "kind";
    public static final String HOST_ID = "hostId";

    private static final long MIB = 1024L * 1024L;

    private HostFacts() {
    }

    /** The activation of the host; null when it has no facts yet. */
    public static Map<String, Object> of(KnownHost host) {
        if (host.facts == null) {
            return null;
        }
        HostSnapshot snapshot = JsonColumns.read(host.facts, HostSnapshot.class);
        Map<String, Object> facts = new LinkedHashMap<>();
        put(facts, "name", snapshot.name());
        put(facts, "mac", snapshot.mac());
        put(facts, "ipv4", snapshot.ipv4());
        put(facts, "ipv6", snapshot.ipv6());
        put(facts, "discovery_image_version", snapshot.discoveryImageVersion());
        Hardware hardware = snapshot.hardware();
        if (hardware != null) {
            put(facts, "cpu_count", hardware.cpuCount());
            put(facts, "memory_bytes", hardware.memoryBytes());
            if (hardware.memoryBytes() != null) {
                facts.put("memory_mib", hardware.memoryBytes() / MIB);
            }
            put(facts, "vendor", hardware.vendor());
            put(facts, "model", hardware.model());
            put(facts, "disk_count", hardware.diskCount());
            if (hardware.disks() != null) {
                List<Object> disks = new ArrayList<>();
                for (Disk disk : hardware.disks()) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    put(entry, "name", disk.name());
                    put(entry, "size_bytes", disk.sizeBytes());
                    disks.add(entry);
                }
                facts.put("disks", disks);
            }
        }
        if (snapshot.interfaces() != null) {
            List<Object> interfaces = new ArrayList<>();
            for (NetworkInterface nic : snapshot.interfaces()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                put(entry, "name", nic.name());
                put(entry, "mac", nic.mac());
                put(entry, "ipv4", nic.ipv4());
                put(entry, "netmask", nic.netmask());
                put(entry, "ipv6", nic.ipv6());
                put(entry, "vlan_id", nic.vlanId());
                put(entry, "link", nic.link());
                interfaces.add(entry);
            }
            facts.put("interfaces", interfaces);
        }
        Map<String, Object> activation = new LinkedHashMap<>();
        activation.put(FACTS, facts);
        activation.put(MAC, snapshot.mac() == null ? "" : snapshot.mac());
        activation.put(NAME, host.name);
        activation.put(KIND, host.kind.name().toLowerCase(Locale.ROOT));
        activation.put(HOST_ID, host.hostId);
        return activation;
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value instanceof Integer number) {
            map.put(key, number.longValue()); // CEL ints are 64-bit
        } else if (value != null) {
            map.put(key, value);
        }
    }
}
