package org.staypuft.events.host;

import java.util.List;

/**
 * Hardware summary. Disks are capped to keep events small; {@code diskCount} is the real count.
 */
public record Hardware(
        Integer cpuCount,
        Long memoryBytes,
        String vendor,
        String model,
        Integer diskCount,
        List<Disk> disks) {
}
