package org.staypuft.cli.hosts;

/**
 * {@code hosts list --state}: the registry's host states, so a misspelt one is a usage error (exit 2) before any
 * request, and shell completion offers them.
 */
public enum HostStateFilter {
    free,
    assigned,
    deploying,
    deployed,
    failed
}
