package org.staypuft.registry.inventory;

import java.time.OffsetDateTime;

/**
 * A host with when its raw facts last arrived (null when none has yet). The facts come on their own topic, so they
 * live in their own table rather than on the host row.
 */
public record HostEntry(Host host, OffsetDateTime lastFactsAt) {
}
