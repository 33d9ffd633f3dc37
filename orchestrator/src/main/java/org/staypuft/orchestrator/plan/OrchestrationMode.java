package org.staypuft.orchestrator.plan;

import java.util.Arrays;
import java.util.Optional;

/** How the hosts of a role take their puppet runs. */
public enum OrchestrationMode {

    /** Up to the role's concurrency cap at once. */
    CONCURRENT,
    /** One host at a time. */
    SERIAL,
    /** One host alone until a host of the role succeeded, then the rest up to the cap (races on shared state). */
    LEADER;

    public String value() {
        return name().toLowerCase();
    }

    public static Optional<OrchestrationMode> parse(String value) {
        return Arrays.stream(values()).filter(mode -> mode.value().equals(value)).findFirst();
    }

    /** Hosts of the role that may run at once, given how many already succeeded. */
    public int slots(int maxConcurrent, int succeeded) {
        return switch (this) {
            case CONCURRENT -> maxConcurrent;
            case SERIAL -> 1;
            case LEADER -> succeeded == 0 ? 1 : maxConcurrent;
        };
    }
}
