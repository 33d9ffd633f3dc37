package org.staypuft.listener.facts;

/**
 * Host ids follow Foreman's naming of discovered hosts, {@code "mac" + the MAC's hex digits}, so a host keeps its
 * id whether it was discovered or registered, and an operator who knows Foreman recognises it.
 */
public final class HostIds {

    private HostIds() {
    }

    public static String of(MacAddress mac) {
        return "mac" + mac.hexDigits();
    }

    /** Foreman's name for a discovered host, the same as its id. */
    public static String discoveredName(MacAddress mac) {
        return of(mac);
    }
}
