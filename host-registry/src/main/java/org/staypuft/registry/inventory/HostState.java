package org.staypuft.registry.inventory;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Where a host is in its life, as operators see it. On the wire (events, API) in lower case. */
public enum HostState {

    FREE,
    ASSIGNED,
    DEPLOYING,
    DEPLOYED,
    FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<HostState> fromWire(String value) {
        return Arrays.stream(values()).filter(state -> state.wireName().equalsIgnoreCase(value)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(HostState::wireName).toList();
    }
}
