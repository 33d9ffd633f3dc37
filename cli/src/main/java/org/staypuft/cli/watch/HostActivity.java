package org.staypuft.cli.watch;

/** What a running host of a role is doing, beyond its bucket: the watcher says so next to the role's status. */
enum HostActivity {

    /** Provisioning or the PREPARE run, while its role may still wait for its dependencies. */
    PREPARING,
    /** The run that re-enables the agent, after its role's own runs. */
    ENABLING,
    OTHER;

    static HostActivity of(String status, String phase) {
        if (!"RUNNING".equals(status)) {
            return OTHER;
        }
        return switch (phase) {
            case "PREPARE" -> PREPARING;
            case "ENABLE_AGENT" -> ENABLING;
            default -> OTHER;
        };
    }
}
