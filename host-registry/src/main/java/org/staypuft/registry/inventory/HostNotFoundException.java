package org.staypuft.registry.inventory;

/** The inventory has no host with this id. */
public class HostNotFoundException extends RuntimeException {

    private final String hostId;

    public HostNotFoundException(String hostId) {
        super("No host with id '" + hostId + "' in the inventory");
        this.hostId = hostId;
    }

    public String hostId() {
        return hostId;
    }
}
