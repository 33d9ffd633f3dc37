package org.staypuft.simulator;

/** Where a simulated host is in its life, as far as the discovery image's proxy can change it. */
public enum HostLifecycle {
    /** Booted into the discovery image (or registered): waiting for a deployment. */
    DISCOVERED,
    /** Told to reboot (or kexec) into the installer: provisioning. A later step reports it built. */
    PROVISIONING,
    /**
     * Installed: the host sent the built callback (see {@link SimulatedHost#builtCallbackStatus()} for the answer)
     * and presents its new host key; its puppet state is that of a fresh installation.
     */
    BUILT
}
