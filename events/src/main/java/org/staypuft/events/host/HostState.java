package org.staypuft.events.host;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a host is in its life, as operators see it: the {@code state} of {@link HostStateChanged}, announced by the
 * orchestrator and kept by the host registry. On the wire (events, APIs) in lower case.
 */
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
