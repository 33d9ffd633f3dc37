package org.staypuft.registry.lifecycle;

import org.staypuft.registry.inventory.Host;

/** What one lifecycle event does to a host it is about, already checked against the contract. */
@FunctionalInterface
interface HostChange {

    void applyTo(Host host);
}
