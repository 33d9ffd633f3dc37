package org.staypuft.cli.hosts;

/** {@code hosts list --kind}: how a host came in; a misspelt one is a usage error (exit 2) before any request. */
public enum HostKindFilter {
    discovered,
    registered
}
