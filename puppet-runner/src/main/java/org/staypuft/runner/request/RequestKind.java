package org.staypuft.runner.request;

/** The commands the runner takes. */
public enum RequestKind {
    PUPPET_RUN,
    REBOOT
}
