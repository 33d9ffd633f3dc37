package org.staypuft.events.host;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code runmode} parameter of the puppet-management class ({@link HostConfigurationChanged#runmode()}):
 * {@code none} keeps the agent service stopped so only the runs we trigger happen, {@code service} re-enables it
 * after a deployment. On the wire in lower case.
 */
public enum Runmode {

    NONE,
    SERVICE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Runmode> fromWire(String value) {
        return Arrays.stream(values()).filter(mode -> mode.wireName().equalsIgnoreCase(value)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(Runmode::wireName).toList();
    }
}
