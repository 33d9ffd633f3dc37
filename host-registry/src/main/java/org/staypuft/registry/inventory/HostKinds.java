package org.staypuft.registry.inventory;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.staypuft.events.host.HostKind;

/** The contract's {@link HostKind} as the API spells it: lower case, like states. */
public final class HostKinds {

    private HostKinds() {
    }

    public static String wireName(HostKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    public static Optional<HostKind> fromWire(String value) {
        return Arrays.stream(HostKind.values()).filter(kind -> kind.name().equalsIgnoreCase(value)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(HostKind.values()).map(HostKinds::wireName).toList();
    }
}
