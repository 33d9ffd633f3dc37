package org.staypuft.events.host;

/** How a host reached us, which decides how a run prepares it. */
public enum HostKind {
    /** Booted the discovery image; we provision it (reboot, kickstart). */
    DISCOVERED,
    /** Ran the client installer; we cannot provision or reboot it. */
    REGISTERED
}
