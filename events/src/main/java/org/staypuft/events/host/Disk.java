package org.staypuft.events.host;

/** A block device and its size in bytes. */
public record Disk(String name, Long sizeBytes) {
}
