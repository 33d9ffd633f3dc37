package org.staypuft.registry.inventory;

import java.util.List;

/** One page of a listing ordered by host id, with the number of hosts that match in all pages. */
public record HostPage(List<HostEntry> entries, int page, int size, long total) {
}
