package org.staypuft.listener.facts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.staypuft.events.host.Disk;
import org.staypuft.events.host.Hardware;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The hardware summary from facts: logical CPUs, memory, vendor and model, and the block devices (capped, with
 * the real count). Reads facter 2's flat facts first and facter 3's structured ones as a fallback.
 */
final class HardwareFacts {

    private static final Pattern BLOCKDEVICE_SIZE = Pattern.compile("blockdevice_(.+)_size");
    private static final Pattern DISK_NAME = Pattern.compile("[A-Za-z0-9_.:!@+-]{1,64}");
    private static final Pattern MEMORY = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([KMGTP]i?B|B|bytes)?",
            Pattern.CASE_INSENSITIVE);
    private static final long MIB = 1024L * 1024L;
    private static final int MAX_TEXT = 255;

    private HardwareFacts() {
    }

    static Hardware of(Facts facts, int maxDisks) {
        List<Disk> disks = disks(facts);
        return new Hardware(
                cpuCount(facts),
                memoryBytes(facts),
                text(first(facts.text("manufacturer"), Facts.textOf(facts.path("dmi", "manufacturer")))),
                text(first(facts.text("productname"), Facts.textOf(facts.path("dmi", "product", "name")))),
                disks.size(),
                List.copyOf(disks.subList(0, Math.min(maxDisks, disks.size()))));
    }

    /** Logical processors, as the event promises; sockets only when nothing else is known. */
    private static Integer cpuCount(Facts facts) {
        Long count = wholeNumber(facts.text("processorcount"));
        if (count == null) {
            count = wholeNumber(Facts.textOf(facts.path("processors", "count")));
        }
        if (count == null) {
            count = wholeNumber(facts.text("physicalprocessorcount"));
        }
        return count == null || count > 1_000_000 ? null : count.intValue();
    }

    private static Long memoryBytes(Facts facts) {
        String mebibytes = facts.text("memorysize_mb");
        if (mebibytes != null && mebibytes.matches("[0-9]+(\\.[0-9]+)?")) {
            return new BigDecimal(mebibytes).multiply(BigDecimal.valueOf(MIB)).longValue();
        }
        Long bytes = withUnit(facts.text("memorysize"));
        if (bytes != null) {
            return bytes;
        }
        return wholeNumber(Facts.textOf(facts.path("memory", "system", "total_bytes")));
    }

    /** "15.57 GB" as facter writes it (binary units). */
    static Long withUnit(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = MEMORY.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        String unit = matcher.group(2) == null ? "B" : matcher.group(2).toUpperCase(Locale.ROOT);
        int power = switch (unit.charAt(0)) {
            case 'K' -> 1;
            case 'M' -> 2;
            case 'G' -> 3;
            case 'T' -> 4;
            case 'P' -> 5;
            default -> 0;
        };
        return new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(1024).pow(power)).longValue();
    }

    /**
     * {@code blockdevices} plus every {@code blockdevice_<name>_size}, or facter 3's {@code disks} when there are
     * none of those.
     */
    private static List<Disk> disks(Facts facts) {
        Set<String> names = new LinkedHashSet<>(facts.list("blockdevices"));
        for (String fact : facts.names()) {
            Matcher matcher = BLOCKDEVICE_SIZE.matcher(fact);
            if (matcher.matches()) {
                names.add(matcher.group(1));
            }
        }
        List<Disk> disks = new ArrayList<>();
        for (String name : names) {
            if (DISK_NAME.matcher(name).matches()) {
                disks.add(new Disk(name, wholeNumber(facts.text("blockdevice_" + name + "_size"))));
            }
        }
        JsonNode structured = facts.path("disks");
        if (disks.isEmpty() && structured.isObject()) {
            for (Map.Entry<String, JsonNode> disk : structured.properties()) {
                if (DISK_NAME.matcher(disk.getKey()).matches()) {
                    disks.add(new Disk(disk.getKey(), wholeNumber(Facts.textOf(disk.getValue().path("size_bytes")))));
                }
            }
        }
        return disks;
    }

    private static Long wholeNumber(String text) {
        if (text == null || !text.matches("[0-9]{1,18}")) {
            return null;
        }
        return Long.parseLong(text);
    }

    private static String first(String preferred, String fallback) {
        return preferred != null ? preferred : fallback;
    }

    /** DMI strings are padded ("ProLiant ") and, in a hostile upload, could be huge. */
    private static String text(String value) {
        if (value == null) {
            return null;
        }
        return value.length() <= MAX_TEXT ? value : value.substring(0, MAX_TEXT);
    }
}
